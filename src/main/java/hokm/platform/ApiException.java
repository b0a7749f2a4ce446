package hokm.platform;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or may act on. It becomes {@code {"code": ..., "message": ...}} with
 * the code's status; the message is written for the client and must not carry internals.
 */
public class ApiException extends RuntimeException {

  private final ApiErrorCode code;
  private final long retryAfterSeconds;

  public ApiException(ApiErrorCode code, String message) {
    this(code, message, 0);
  }

  /** With {@code retryAfterSeconds > 0} the answer carries a {@code Retry-After} header. */
  public ApiException(ApiErrorCode code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code);
    Objects.requireNonNull(code.status(), "a code of its own status");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds the client should wait before trying again, or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public HttpStatus status() {
    return code.status();
  }

  public ApiErrorCode code() {
    return code;
  }
}
