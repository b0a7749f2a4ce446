package hokm.platform.web;

import hokm.platform.ApiError;
import hokm.platform.ApiErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that never reached a controller (the servlet container's error dispatch) in the
 * same JSON shape, in place of Boot's default page.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object raw = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        raw instanceof Integer code && HttpStatus.resolve(code) != null
            ? HttpStatus.valueOf(code)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return ResponseEntity.status(status).body(forStatus(status));
  }

  static ApiError forStatus(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> new ApiError(ApiErrorCode.MALFORMED_REQUEST, "The request is malformed");
      case UNAUTHORIZED ->
          new ApiError(ApiErrorCode.UNAUTHENTICATED, "A valid access token is required");
      case FORBIDDEN -> new ApiError(ApiErrorCode.FORBIDDEN, "This is not allowed");
      case NOT_FOUND -> new ApiError(ApiErrorCode.NOT_FOUND, "There is nothing at this address");
      case METHOD_NOT_ALLOWED ->
          new ApiError(ApiErrorCode.METHOD_NOT_ALLOWED, "This address does not accept the method");
      default ->
          status.is4xxClientError()
              ? new ApiError(ApiErrorCode.CLIENT_ERROR, "The request was refused")
              : new ApiError(ApiErrorCode.INTERNAL, "Something went wrong on the server");
    };
  }
}
