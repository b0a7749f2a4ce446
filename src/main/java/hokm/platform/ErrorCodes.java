package hokm.platform;

/** The error codes clients may rely on. */
public final class ErrorCodes {
  public static final String VALIDATION = "VALIDATION";
  public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

  /** An access token revoked since it was issued: refreshing will not help, log in again. */
  public static final String TOKEN_REVOKED = "TOKEN_REVOKED";

  public static final String FORBIDDEN = "FORBIDDEN";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
  public static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
  public static final String INTERNAL = "INTERNAL";

  private ErrorCodes() {}
}
