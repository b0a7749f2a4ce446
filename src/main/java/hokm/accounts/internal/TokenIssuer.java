package hokm.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Mints access tokens (signed JWTs) and refresh tokens (random, stored hashed). */
@Component
class TokenIssuer {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The player's token version when the token was issued ({@link TokenVersions}). Tokens issued
   * before the claim existed have none and count as version 0.
   */
  static final String VERSION_CLAIM = "tokenVersion";

  private final JwtEncoder encoder;
  private final AuthProperties properties;
  private final RefreshTokenRepository refreshTokens;

  TokenIssuer(JwtEncoder encoder, AuthProperties properties, RefreshTokenRepository refreshTokens) {
    this.encoder = encoder;
    this.properties = properties;
    this.refreshTokens = refreshTokens;
  }

  String accessToken(Player player, Instant now) {
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(properties.issuer())
            .subject(player.getId().toString())
            .issuedAt(now)
            .expiresAt(now.plus(properties.accessTokenTtl()))
            .claim("username", player.getUsername())
            .claim("guest", player.isGuest())
            .claim(VERSION_CLAIM, player.getTokenVersion())
            .build();
    JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
    return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
  }

  /** Stores a new refresh token of the family and returns it with its raw value. */
  Issued refreshToken(Player player, UUID familyId, Instant now) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    RefreshToken token =
        refreshTokens.save(
            new RefreshToken(
                player.getId(),
                familyId,
                hash(value),
                now,
                now.plus(properties.refreshTokenTtl())));
    return new Issued(value, token);
  }

  long accessTokenSeconds() {
    return properties.accessTokenTtl().toSeconds();
  }

  static byte[] hash(String refreshToken) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(refreshToken.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  record Issued(String value, RefreshToken token) {}
}
