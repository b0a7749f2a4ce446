package hokm.accounts.internal;

import hokm.platform.ApiError;
import hokm.platform.ApiErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security filters, in the API's error shape. */
@Component
class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;

  JsonSecurityErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    if (authException.getCause() instanceof RevokedTokenException) {
      write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          ApiErrorCode.TOKEN_REVOKED,
          "This access token was revoked (logged out everywhere, or the password changed); log in"
              + " again");
      return;
    }
    String message =
        authException instanceof InvalidBearerTokenException
            ? "The access token is invalid or has expired"
            : "A valid access token is required";
    write(response, HttpServletResponse.SC_UNAUTHORIZED, ApiErrorCode.UNAUTHENTICATED, message);
  }

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    write(
        response,
        HttpServletResponse.SC_FORBIDDEN,
        ApiErrorCode.FORBIDDEN,
        "This token may not do that");
  }

  private void write(HttpServletResponse response, int status, ApiErrorCode code, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), new ApiError(code, message));
  }
}
