package hokm.platform;

/** The body of every error answer. {@code code} is stable; {@code message} is for people. */
public record ApiError(ApiErrorCode code, String message) {}
