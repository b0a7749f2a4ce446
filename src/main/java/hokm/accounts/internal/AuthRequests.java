package hokm.accounts.internal;

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

  record Register(
      @NotNull(message = "is required") @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_RULE)
          String username,
      @NotNull(message = "is required")
          @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
          String password,
      @Email(message = "must be an email address")
          @Size(max = 254, message = "must be at most 254 characters")
          String email) {}

  record Login(
      @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
          String username,
      @NotBlank(message = "is required") @Size(max = 72, message = "must be at most 72 characters")
          String password) {}

  record Guest(@Pattern(regexp = USERNAME_PATTERN, message = USERNAME_RULE) String username) {}

  record Refresh(
      @NotBlank(message = "is required")
          @Size(max = 128, message = "must be at most 128 characters")
          String refreshToken) {}

  record Logout(@Size(max = 128, message = "must be at most 128 characters") String refreshToken) {}

  record ChangePassword(
      @NotNull(message = "is required") @Size(max = 72, message = "must be at most 72 characters")
          String currentPassword,
      @NotNull(message = "is required")
          @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
          String newPassword) {}
}
