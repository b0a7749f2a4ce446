package hokm.accounts.internal;

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

@RestController
@RequestMapping("/api/auth")
class AuthController {

  private final AuthService auth;

  AuthController(AuthService auth) {
    this.auth = auth;
  }

  @PostMapping("/register")
  @ResponseStatus(HttpStatus.CREATED)
  AuthResponse register(@Valid @RequestBody AuthRequests.Register request) {
    return auth.register(request);
  }

  @PostMapping("/login")
  AuthResponse login(@Valid @RequestBody AuthRequests.Login request) {
    return auth.login(request);
  }

  @PostMapping("/guest")
  @ResponseStatus(HttpStatus.CREATED)
  AuthResponse guest(@Valid @RequestBody(required = false) AuthRequests.Guest request) {
    return auth.guest(request);
  }

  @PostMapping("/refresh")
  AuthResponse refresh(@Valid @RequestBody AuthRequests.Refresh request) {
    return auth.refresh(request);
  }

  /**
   * With a refresh token in the body, revokes that one; without, revokes all of the caller's, which
   * needs an access token. Access tokens already issued stay valid until they expire.
   */
  @PostMapping("/logout")
  ResponseEntity<Void> logout(
      @RequestBody(required = false) AuthRequests.Logout request,
      @AuthenticationPrincipal Jwt caller) {
    if (request != null && request.refreshToken() != null && !request.refreshToken().isBlank()) {
      auth.logout(request.refreshToken());
    } else if (caller != null) {
      auth.logoutEverywhere(UUID.fromString(caller.getSubject()));
    } else {
      throw AuthErrors.unauthenticated();
    }
    return ResponseEntity.noContent().build();
  }
}
