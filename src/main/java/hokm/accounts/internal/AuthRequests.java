package hokm.accounts.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of {@code /api/auth}. */
final class AuthRequests {

  static final String USERNAME_PATTERN = "[A-Za-z0-9_-]{3,32}";
  static final String USERNAME_RULE = "must be 3 to 32 letters, digits, '_' or '-'";

  private AuthRequests() {}

  @Schema(name = "RegisterRequest", description = "A new registered account.")
  record Register(
      @Schema(
              description =
                  "3 to 32 letters, digits, `_` or `-`; unique regardless of case, and not like"
                      + " a taken or reserved name",
              example = "sara")
          @NotNull(message = "is required")
          @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_RULE)
          String username,
      @Schema(description = "8 to 72 characters, at most 72 bytes in UTF-8")
          @NotNull(message = "is required")
          @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
          String password,
      @Schema(description = "Optional; never shown to other players")
          @Email(message = "must be an email address")
          @Size(max = 254, message = "must be at most 254 characters")
          String email) {}

  @Schema(name = "LoginRequest", description = "A registered player's name and password.")
  record Login(
      @Schema(description = "The name, in any case", example = "sara")
          @NotBlank(message = "is required")
          @Size(max = 64, message = "must be at most 64 characters")
          String username,
      @NotBlank(message = "is required") @Size(max = 72, message = "must be at most 72 characters")
          String password) {}

  @Schema(name = "GuestRequest", description = "A guest's name, or nothing for a free one.")
  record Guest(
      @Schema(
              description =
                  "3 to 32 letters, digits, `_` or `-`; left out, a free `guest-xxxxxx` is given",
              example = "guest-k3m9qa")
          @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_RULE)
          String username) {}

  @Schema(name = "RefreshRequest", description = "A refresh token to trade for new tokens.")
  record Refresh(
      @Schema(description = "The `refreshToken` of the latest sign-in or refresh")
          @NotBlank(message = "is required")
          @Size(max = 128, message = "must be at most 128 characters")
          String refreshToken) {}

  @Schema(
      name = "LogoutRequest",
      description = "The refresh token to revoke; without it, every session of the caller ends.")
  record Logout(
      @Schema(description = "Left out or blank: log out everywhere (needs the bearer token)")
          @Size(max = 128, message = "must be at most 128 characters")
          String refreshToken) {}

  @Schema(name = "ChangePasswordRequest", description = "The current password and the new one.")
  record ChangePassword(
      @NotNull(message = "is required") @Size(max = 72, message = "must be at most 72 characters")
          String currentPassword,
      @Schema(description = "8 to 72 characters, at most 72 bytes in UTF-8")
          @NotNull(message = "is required")
          @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
          String newPassword) {}
}
