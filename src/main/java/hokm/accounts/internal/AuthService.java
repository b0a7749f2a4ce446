package hokm.accounts.internal;

import hokm.platform.ApiException;
import hokm.security.AuditEvent;
import hokm.security.AuditLog;
import hokm.security.Limits;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AuthService {

  private static final int BCRYPT_MAX_BYTES = 72;
  private static final String GUEST_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PlayerRepository players;
  private final RefreshTokenRepository refreshTokens;
  private final TokenIssuer issuer;
  private final PasswordEncoder passwords;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Limits limits;
  private final ApplicationEventPublisher events;
  // Compared against when the user is unknown, so both failures cost one bcrypt check.
  private final String decoyHash;

  AuthService(
      PlayerRepository players,
      RefreshTokenRepository refreshTokens,
      TokenIssuer issuer,
      PasswordEncoder passwords,
      LoginThrottle throttle,
      AuditLog audit,
      Limits limits,
      ApplicationEventPublisher events) {
    this.players = players;
    this.refreshTokens = refreshTokens;
    this.issuer = issuer;
    this.passwords = passwords;
    this.throttle = throttle;
    this.audit = audit;
    this.limits = limits;
    this.events = events;
    this.decoyHash = passwords.encode(UUID.randomUUID().toString());
  }

  @Transactional
  public AuthResponse register(AuthRequests.Register request, String ip) {
    checkPasswordBytes("password", request.password());
    String email =
        request.email() == null || request.email().isBlank() ? null : request.email().trim();
    checkNameFree(request.username());
    Instant now = Instant.now();
    Player player =
        insert(
            Player.registered(
                request.username(), email, passwords.encode(request.password()), now));
    audit.recordInTransaction(
        AuditEvent.of("auth.register", AuditEvent.SUCCESS, player.getId(), ip)
            .with("guest", "false"));
    return issue(player, UUID.randomUUID(), now);
  }

  @Transactional
  public AuthResponse login(AuthRequests.Login request, String ip) {
    try (LoginThrottle.Attempt attempt = throttled(request.username(), ip, null)) {
      Player player = players.findByUsernameCaseBlind(request.username()).orElse(null);
      String hash = player == null || player.isGuest() ? decoyHash : player.getPasswordHash();
      boolean matches = passwords.matches(request.password(), hash);
      if (player == null || player.isGuest() || !matches) {
        attempt.failed();
        audit.record(
            new AuditEvent(
                "auth.login",
                AuditEvent.FAILURE,
                player == null ? null : player.getId(),
                request.username(),
                ip,
                Map.of()));
        throw AuthErrors.badCredentials();
      }
      attempt.succeeded();
      Instant now = Instant.now();
      player.seen(now);
      audit.recordInTransaction(
          AuditEvent.of("auth.login", AuditEvent.SUCCESS, player.getId(), ip));
      return issue(player, UUID.randomUUID(), now);
    }
  }

  /**
   * Changes the caller's password after checking the current one (counted by the brute-force limits
   * like a login), and revokes every session of the player, refresh and access tokens alike: other
   * devices (and this one) must log in again.
   */
  @Transactional
  public void changePassword(UUID playerId, AuthRequests.ChangePassword request, String ip) {
    Player player = players.findById(playerId).orElseThrow(AuthErrors::playerGone);
    if (player.isGuest()) {
      throw AuthErrors.guestHasNoPassword();
    }
    checkPasswordBytes("newPassword", request.newPassword());
    try (LoginThrottle.Attempt attempt = throttled(player.getUsername(), ip, player.getId())) {
      if (!passwords.matches(request.currentPassword(), player.getPasswordHash())) {
        attempt.failed();
        audit.record(AuditEvent.of("auth.password_change", AuditEvent.FAILURE, player.getId(), ip));
        throw AuthErrors.wrongCurrentPassword();
      }
      attempt.succeeded();
    }
    Instant now = Instant.now();
    player.changePassword(passwords.encode(request.newPassword()), now);
    int revoked = refreshTokens.revokeAllOfPlayer(playerId, now);
    revokeAccessTokens(playerId);
    audit.recordInTransaction(
        AuditEvent.of("auth.password_change", AuditEvent.SUCCESS, player.getId(), ip)
            .with("refreshTokensRevoked", Integer.toString(revoked)));
  }

  private LoginThrottle.Attempt throttled(String username, String ip, UUID playerId) {
    try {
      return throttle.begin(username, ip);
    } catch (ApiException refused) {
      limits.triggered(Limits.LOGIN_ATTEMPTS);
      audit.limitTriggered(Limits.LOGIN_ATTEMPTS, "ip:" + ip + "|u:" + username, ip, playerId);
      throw refused;
    }
  }

  private static void checkPasswordBytes(String field, String password) {
    if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
      throw AuthErrors.validation(field + ": must be at most 72 bytes in UTF-8");
    }
  }

  @Transactional
  public AuthResponse guest(AuthRequests.Guest request, String ip) {
    Instant now = Instant.now();
    String wanted = request == null ? null : request.username();
    if (wanted != null) {
      checkNameFree(wanted);
      return guestIssued(insert(Player.guest(wanted, now)), now, ip);
    }
    for (int attempt = 0; attempt < 8; attempt++) {
      String name = "guest-" + randomSuffix(6);
      if (!players.lookalikeTaken(name)) {
        return guestIssued(insert(Player.guest(name, now)), now, ip);
      }
    }
    throw new IllegalStateException("No free guest name after 8 tries");
  }

  /** Refuses reserved names and names that look like a taken one (docs/security.md). */
  private void checkNameFree(String username) {
    if (players.reserved(username)) {
      throw AuthErrors.usernameReserved();
    }
    if (players.lookalikeTaken(username)) {
      throw AuthErrors.usernameTaken();
    }
  }

  private AuthResponse guestIssued(Player player, Instant now, String ip) {
    audit.recordInTransaction(
        AuditEvent.of("auth.register", AuditEvent.SUCCESS, player.getId(), ip)
            .with("guest", "true"));
    return issue(player, UUID.randomUUID(), now);
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated away revokes its whole family
   * and every access token of the player: either the client or a thief holds a copy, and nothing
   * issued so far can be trusted. That revocation must survive the refusal, hence no rollback for
   * {@link ApiException}.
   */
  @Transactional(noRollbackFor = ApiException.class)
  public AuthResponse refresh(AuthRequests.Refresh request, String ip) {
    Instant now = Instant.now();
    RefreshToken token =
        refreshTokens
            .findForUpdate(TokenIssuer.hash(request.refreshToken().trim()))
            .orElseThrow(AuthErrors::invalidRefreshToken);
    if (token.isRevoked()) {
      if (token.wasRotated()) {
        int revoked = refreshTokens.revokeFamily(token.getFamilyId(), now);
        revokeAccessTokens(token.getPlayerId());
        audit.recordInTransaction(
            AuditEvent.of("auth.token_revoked", AuditEvent.SUCCESS, token.getPlayerId(), ip)
                .with("reason", "reuse")
                .with("count", Integer.toString(revoked)));
      }
      throw AuthErrors.invalidRefreshToken();
    }
    if (!token.getExpiresAt().isAfter(now)) {
      token.revoke(now);
      throw AuthErrors.invalidRefreshToken();
    }
    Player player =
        players.findById(token.getPlayerId()).orElseThrow(AuthErrors::invalidRefreshToken);
    player.seen(now);
    TokenIssuer.Issued next = issuer.refreshToken(player, token.getFamilyId(), now);
    token.rotateTo(next.token().getId(), now);
    return new AuthResponse(
        issuer.accessToken(player, now),
        next.value(),
        issuer.accessTokenSeconds(),
        new AuthResponse.PlayerRef(player.getId(), player.getUsername()));
  }

  /** Revokes one refresh token; unknown or already revoked ones are not an error. */
  @Transactional
  public void logout(String refreshToken, String ip) {
    refreshTokens
        .findForUpdate(TokenIssuer.hash(refreshToken.trim()))
        .filter(t -> !t.isRevoked())
        .ifPresent(
            t -> {
              t.revoke(Instant.now());
              audit.recordInTransaction(
                  AuditEvent.of("auth.token_revoked", AuditEvent.SUCCESS, t.getPlayerId(), ip)
                      .with("reason", "logout"));
            });
  }

  /** Revokes every refresh and access token of a player (log out everywhere). */
  @Transactional
  public void logoutEverywhere(UUID playerId, String ip) {
    int revoked = refreshTokens.revokeAllOfPlayer(playerId, Instant.now());
    revokeAccessTokens(playerId);
    audit.recordInTransaction(
        AuditEvent.of("auth.token_revoked", AuditEvent.SUCCESS, playerId, ip)
            .with("reason", "logout_everywhere")
            .with("count", Integer.toString(revoked)));
  }

  @Transactional
  public Player me(UUID playerId) {
    Player player = players.findById(playerId).orElseThrow(AuthErrors::playerGone);
    player.seen(Instant.now());
    return player;
  }

  /**
   * Raises the player's token version, so every access token issued so far is refused; after the
   * commit, every instance learns it and closes the player's sockets ({@link Revocations}).
   */
  private void revokeAccessTokens(UUID playerId) {
    if (players.incrementTokenVersion(playerId) == 0) {
      return;
    }
    long version = players.findTokenVersion(playerId).orElseThrow();
    events.publishEvent(new TokenVersionBumped(playerId, version));
  }

  private Player insert(Player player) {
    try {
      return players.saveAndFlush(player);
    } catch (DataIntegrityViolationException e) {
      // Lost a race with a concurrent sign-up: the unique indexes are the final word.
      String detail =
          String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
              .toLowerCase(Locale.ROOT);
      if (detail.contains("players_username")) {
        throw AuthErrors.usernameTaken();
      }
      throw e;
    }
  }

  private AuthResponse issue(Player player, UUID familyId, Instant now) {
    TokenIssuer.Issued refresh = issuer.refreshToken(player, familyId, now);
    return new AuthResponse(
        issuer.accessToken(player, now),
        refresh.value(),
        issuer.accessTokenSeconds(),
        new AuthResponse.PlayerRef(player.getId(), player.getUsername()));
  }

  private static String randomSuffix(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(GUEST_ALPHABET.charAt(RANDOM.nextInt(GUEST_ALPHABET.length())));
    }
    return s.toString();
  }
}
