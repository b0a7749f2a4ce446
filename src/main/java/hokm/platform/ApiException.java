package hokm.platform;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or may act on. It becomes {@code {"code": ..., "message": ...}} with
 * the given status; the message is written for the client and must not carry internals.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  public ApiException(HttpStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
