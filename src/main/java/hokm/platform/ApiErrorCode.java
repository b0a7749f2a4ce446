package hokm.platform;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/**
 * Every code an HTTP error answer can carry, with the status it comes with. Clients rely on the
 * names: never rename one. The WebSocket protocol has codes of its own ({@code hokm.table}).
 */
@Schema(enumAsRef = true)
public enum ApiErrorCode {
  VALIDATION(
      HttpStatus.BAD_REQUEST,
      "a parameter or a body field is out of range or of the wrong form; the message names it"),
  MALFORMED_REQUEST(
      HttpStatus.BAD_REQUEST, "the body is missing, or is not the JSON this endpoint expects"),
  BAD_CREDENTIALS(HttpStatus.UNAUTHORIZED, "the username or the password is wrong"),
  INVALID_REFRESH_TOKEN(
      HttpStatus.UNAUTHORIZED, "the refresh token is unknown, expired or already used"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "no valid access token: missing, invalid or expired"),

  /** An access token revoked since it was issued: refreshing will not help, log in again. */
  TOKEN_REVOKED(
      HttpStatus.UNAUTHORIZED,
      "the access token was revoked (logged out everywhere, password changed, a refresh token"
          + " reused); log in again"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "the caller may not do this"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "there is nothing at this address, or no such thing"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "the address does not accept the method"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "the endpoint answers JSON only"),
  USERNAME_TAKEN(HttpStatus.CONFLICT, "the username is taken, or looks too much like one that is"),
  USERNAME_RESERVED(
      HttpStatus.CONFLICT, "the username is reserved (staff, the system, bots) or looks like one"),
  GAME_NOT_FINISHED(HttpStatus.CONFLICT, "the game is still in play: its cards are not public"),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "the request body is over 64 KiB"),
  UNSUPPORTED_MEDIA_TYPE(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be sent as application/json"),
  TOO_MANY_ATTEMPTS(
      HttpStatus.TOO_MANY_REQUESTS,
      "too many failures or new accounts from this address or on this instance; wait the"
          + " Retry-After seconds"),

  /** Any other 4xx the web server answers (its status is the one of the answer). */
  CLIENT_ERROR(null, "any other refusal of the web server (4xx), with the answer's own status"),
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "something went wrong on the server"),
  DATABASE_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE,
      "PostgreSQL is away (games in progress go on); try again after Retry-After seconds");

  private final HttpStatus status;
  private final String meaning;

  ApiErrorCode(HttpStatus status, String meaning) {
    this.status = status;
    this.meaning = meaning;
  }

  /** The status answers with this code have; null for {@link #CLIENT_ERROR}, whose varies. */
  public HttpStatus status() {
    return status;
  }

  /** What the code tells a client, in a few words (for the API's documentation). */
  public String meaning() {
    return meaning;
  }
}
