package hokm.platform.web;

import hokm.platform.ApiError;
import hokm.platform.ApiErrorCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * While PostgreSQL is down, requests that need it (registering, logging in, refreshing a token) get
 * a clear 503 {@code DATABASE_UNAVAILABLE} at once instead of waiting for a connection. Existing
 * access tokens need no database and keep working, and games go on.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseAvailability implements WebMvcConfigurer {
  static final ApiErrorCode CODE = ApiErrorCode.DATABASE_UNAVAILABLE;
  private static final String MESSAGE =
      "The database is unavailable; games in progress go on. Try again shortly.";
  private static final String RETRY_AFTER_SECONDS = "5";

  /** The requests answered 503 at once while the database's circuit breaker is open. */
  static final List<String> GUARDED_PATHS =
      List.of("/api/auth/**", "/api/players/**", "/api/games/**");

  private final CircuitBreaker postgres;

  DatabaseAvailability(CircuitBreakerRegistry breakers) {
    this.postgres = breakers.circuitBreaker("postgres");
  }

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ApiError> unavailable(RuntimeException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(new ApiError(CODE, MESSAGE));
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new HandlerInterceptor() {
              @Override
              public boolean preHandle(
                  HttpServletRequest request, HttpServletResponse response, Object handler)
                  throws java.io.IOException {
                if (postgres.getState() != CircuitBreaker.State.OPEN) {
                  return true;
                }
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response
                    .getWriter()
                    .write("{\"code\":\"" + CODE.name() + "\",\"message\":\"" + MESSAGE + "\"}");
                return false;
              }
            })
        .addPathPatterns(GUARDED_PATHS);
  }
}
