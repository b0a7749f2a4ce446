package hokm.accounts.internal;

import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;

/** The account errors clients can tell apart. */
final class AuthErrors {

  private AuthErrors() {}

  static ApiException usernameTaken() {
    return new ApiException(
        ApiErrorCode.USERNAME_TAKEN, "That username is taken, or looks too much like one that is");
  }

  static ApiException usernameReserved() {
    return new ApiException(
        ApiErrorCode.USERNAME_RESERVED,
        "That username is reserved (staff, the system and bots), or looks like one that is");
  }

  /** The same for an unknown name, a wrong password and a guest, so names cannot be probed. */
  static ApiException badCredentials() {
    return new ApiException(ApiErrorCode.BAD_CREDENTIALS, "The username or password is wrong");
  }

  static ApiException invalidRefreshToken() {
    return new ApiException(
        ApiErrorCode.INVALID_REFRESH_TOKEN,
        "The refresh token is unknown, expired or already used; log in again");
  }

  static ApiException unauthenticated() {
    return new ApiException(ApiErrorCode.UNAUTHENTICATED, "A valid access token is required");
  }

  static ApiException validation(String message) {
    return new ApiException(ApiErrorCode.VALIDATION, message);
  }

  static ApiException playerGone() {
    return new ApiException(ApiErrorCode.NOT_FOUND, "This player no longer exists");
  }

  static ApiException guestHasNoPassword() {
    return new ApiException(ApiErrorCode.FORBIDDEN, "A guest has no password; register an account");
  }

  static ApiException wrongCurrentPassword() {
    return new ApiException(ApiErrorCode.BAD_CREDENTIALS, "The current password is wrong");
  }
}
