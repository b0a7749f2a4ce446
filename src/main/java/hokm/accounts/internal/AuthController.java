package hokm.accounts.internal;

import hokm.platform.ApiDocs;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-up, login, tokens and passwords. The client's address is the request's remote address, which
 * the web server takes from X-Forwarded-For only when the request came through a trusted proxy (see
 * docs/security.md). Sign-ups are counted before a transaction opens, so a refused flood costs no
 * database connection.
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = AuthController.TAG, description = AuthController.TAG_DESCRIPTION)
class AuthController {
  static final String TAG = "Accounts";
  static final String TAG_DESCRIPTION =
      "Sign-up, login and guests; access and refresh tokens; the caller's own account.";

  private final AuthService auth;
  private final SignUpLimits signUps;

  AuthController(AuthService auth, SignUpLimits signUps) {
    this.auth = auth;
    this.signUps = signUps;
  }

  @PostMapping("/register")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Register an account",
      description =
          "Creates a registered player and signs them in. The name is unique regardless of case"
              + " and may not look like a taken or reserved one. Each address may create a few"
              + " accounts an hour, and the instance a few a minute.")
  @ApiResponse(
      responseCode = "201",
      description = "Registered and signed in: tokens and the new player.")
  @ApiErrors({
    ApiErrorCode.VALIDATION,
    ApiErrorCode.USERNAME_TAKEN,
    ApiErrorCode.USERNAME_RESERVED,
    ApiErrorCode.TOO_MANY_ATTEMPTS
  })
  AuthResponse register(
      @Valid @RequestBody AuthRequests.Register request, HttpServletRequest http) {
    signUps.register(http.getRemoteAddr());
    return auth.register(request, http.getRemoteAddr());
  }

  @PostMapping("/login")
  @Operation(
      summary = "Log in",
      description =
          "Signs in a registered player by name (any case) and password. Failures are counted"
              + " per address and name, and per address: past the limit the address waits.")
  @ApiResponse(responseCode = "200", description = "Signed in: tokens and the player.")
  @ApiErrors({
    ApiErrorCode.VALIDATION,
    ApiErrorCode.BAD_CREDENTIALS,
    ApiErrorCode.TOO_MANY_ATTEMPTS
  })
  AuthResponse login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http) {
    return auth.login(request, http.getRemoteAddr());
  }

  @PostMapping("/guest")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Play as a guest",
      description =
          "Creates a guest (never rated, no password) and signs them in, with the name asked for"
              + " or a free `guest-xxxxxx` one. The body may be left out.")
  @ApiResponse(
      responseCode = "201",
      description = "The guest is created and signed in: tokens and the new player.")
  @ApiErrors({
    ApiErrorCode.VALIDATION,
    ApiErrorCode.USERNAME_TAKEN,
    ApiErrorCode.USERNAME_RESERVED,
    ApiErrorCode.TOO_MANY_ATTEMPTS
  })
  AuthResponse guest(
      @Valid @RequestBody(required = false) AuthRequests.Guest request, HttpServletRequest http) {
    signUps.guest(http.getRemoteAddr());
    return auth.guest(request, http.getRemoteAddr());
  }

  @PostMapping("/refresh")
  @Operation(
      summary = "Renew the tokens",
      description =
          "Trades a refresh token for a new access token and a new refresh token; the one sent"
              + " is used up. Sending a used one again revokes every token of that login and"
              + " every access token of the player.")
  @ApiResponse(responseCode = "200", description = "New tokens, and the player.")
  @ApiErrors({ApiErrorCode.VALIDATION, ApiErrorCode.INVALID_REFRESH_TOKEN})
  AuthResponse refresh(@Valid @RequestBody AuthRequests.Refresh request, HttpServletRequest http) {
    return auth.refresh(request, http.getRemoteAddr());
  }

  /**
   * With a refresh token in the body, revokes that one (access tokens already issued stay valid
   * until they expire); without, revokes every refresh and access token of the caller and closes
   * the caller's sockets, which needs an access token.
   */
  @PostMapping("/logout")
  @Operation(
      summary = "Log out",
      description =
          "With a refresh token in the body, revokes that one (access tokens already issued stay"
              + " valid until they expire; an unknown or used one is not an error). Without one,"
              + " logs the caller out everywhere: every refresh and access token of the bearer"
              + " token's player is revoked and their sockets close with 4003; then the bearer"
              + " token is required.")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(responseCode = "204", description = "Logged out.")
  @ApiErrors(ApiErrorCode.VALIDATION)
  ResponseEntity<Void> logout(
      @Valid @RequestBody(required = false) AuthRequests.Logout request,
      @AuthenticationPrincipal Jwt caller,
      HttpServletRequest http) {
    if (request != null && request.refreshToken() != null && !request.refreshToken().isBlank()) {
      auth.logout(request.refreshToken(), http.getRemoteAddr());
    } else if (caller != null) {
      auth.logoutEverywhere(UUID.fromString(caller.getSubject()), http.getRemoteAddr());
    } else {
      throw AuthErrors.unauthenticated();
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Changes the caller's password (an access token is required, and the current password). Every
   * refresh and access token of the player is revoked, and the player's sockets are closed.
   */
  @PostMapping("/password")
  @Operation(
      summary = "Change the password",
      description =
          "Checks the current password (failures count like failed logins) and sets the new one."
              + " Every refresh and access token of the player is revoked, this one too, and"
              + " their sockets close with 4003: log in again.")
  @SecurityRequirement(name = ApiDocs.BEARER)
  @ApiResponse(responseCode = "204", description = "Changed; every session has ended.")
  @ApiResponse(
      responseCode = "401",
      description = "The current password is wrong, or the access token is not valid.")
  @ApiResponse(responseCode = "403", description = "A guest has no password to change.")
  @ApiResponse(
      responseCode = "404",
      description = "The account was deleted while the request was served.")
  @ApiErrors({
    ApiErrorCode.VALIDATION,
    ApiErrorCode.BAD_CREDENTIALS,
    ApiErrorCode.FORBIDDEN,
    ApiErrorCode.NOT_FOUND,
    ApiErrorCode.TOO_MANY_ATTEMPTS
  })
  ResponseEntity<Void> changePassword(
      @Valid @RequestBody AuthRequests.ChangePassword request,
      @AuthenticationPrincipal Jwt caller,
      HttpServletRequest http) {
    if (caller == null) {
      throw AuthErrors.unauthenticated();
    }
    auth.changePassword(UUID.fromString(caller.getSubject()), request, http.getRemoteAddr());
    return ResponseEntity.noContent().build();
  }
}
