package hokm.platform;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or may act on. It becomes {@code {"code": ..., "message": ...}} with
 * the given status; the message is written for the client and must not carry internals.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, 0);
  }

  /** With {@code retryAfterSeconds > 0} the answer carries a {@code Retry-After} header. */
  public ApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds the client should wait before trying again, or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
