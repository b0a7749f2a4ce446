package hokm.platform.web;

import hokm.platform.ApiError;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure inside a controller into the {@code {code, message}} shape. Messages name the
 * offending field or say what was expected, never an exception's own text, which can carry class
 * names, SQL or stack details.
 */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    if (e.retryAfterSeconds() > 0) {
      return ResponseEntity.status(e.status())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
          .body(new ApiError(e.code(), e.getMessage()));
    }
    return error(e.code(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    String message =
        e.getBindingResult().getFieldErrors().stream()
            .map(ApiExceptionHandler::describe)
            .sorted()
            .distinct()
            .collect(Collectors.joining("; "));
    if (message.isEmpty()) {
      message = "The request is not valid";
    }
    return error(ApiErrorCode.VALIDATION, message);
  }

  private static String describe(FieldError error) {
    return error.getField() + ": " + error.getDefaultMessage();
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
    String message =
        e.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            err ->
                                r.getMethodParameter().getParameterName()
                                    + ": "
                                    + err.getDefaultMessage()))
            .sorted()
            .collect(Collectors.joining("; "));
    return error(ApiErrorCode.VALIDATION, message);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    return error(ApiErrorCode.VALIDATION, e.getName() + ": has the wrong type");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return error(ApiErrorCode.VALIDATION, e.getParameterName() + ": is required");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyLimit.TooLarge tooLarge) {
        return error(ApiErrorCode.PAYLOAD_TOO_LARGE, RequestBodyLimit.message(tooLarge.limit));
      }
    }
    return error(
        ApiErrorCode.MALFORMED_REQUEST,
        "The request body is missing or is not the JSON this endpoint expects");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return error(ApiErrorCode.NOT_FOUND, "There is nothing at this address");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return error(ApiErrorCode.METHOD_NOT_ALLOWED, "This address does not accept " + e.getMethod());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return error(ApiErrorCode.NOT_ACCEPTABLE, "This endpoint answers JSON only");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("Unhandled failure while serving a request", e);
    return error(ApiErrorCode.INTERNAL, "Something went wrong on the server");
  }

  static ResponseEntity<ApiError> error(ApiErrorCode code, String message) {
    return ResponseEntity.status(code.status()).body(new ApiError(code, message));
  }
}
