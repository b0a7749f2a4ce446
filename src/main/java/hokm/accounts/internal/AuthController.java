package hokm.accounts.internal;

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
class AuthController {

  private final AuthService auth;
  private final SignUpLimits signUps;

  AuthController(AuthService auth, SignUpLimits signUps) {
    this.auth = auth;
    this.signUps = signUps;
  }

  @PostMapping("/register")
  @ResponseStatus(HttpStatus.CREATED)
  AuthResponse register(
      @Valid @RequestBody AuthRequests.Register request, HttpServletRequest http) {
    signUps.register(http.getRemoteAddr());
    return auth.register(request, http.getRemoteAddr());
  }

  @PostMapping("/login")
  AuthResponse login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http) {
    return auth.login(request, http.getRemoteAddr());
  }

  @PostMapping("/guest")
  @ResponseStatus(HttpStatus.CREATED)
  AuthResponse guest(
      @Valid @RequestBody(required = false) AuthRequests.Guest request, HttpServletRequest http) {
    signUps.guest(http.getRemoteAddr());
    return auth.guest(request, http.getRemoteAddr());
  }

  @PostMapping("/refresh")
  AuthResponse refresh(@Valid @RequestBody AuthRequests.Refresh request, HttpServletRequest http) {
    return auth.refresh(request, http.getRemoteAddr());
  }

  /**
   * With a refresh token in the body, revokes that one (access tokens already issued stay valid
   * until they expire); without, revokes every refresh and access token of the caller and closes
   * the caller's sockets, which needs an access token.
   */
  @PostMapping("/logout")
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
