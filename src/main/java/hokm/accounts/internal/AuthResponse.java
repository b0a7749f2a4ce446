package hokm.accounts.internal;

import java.util.UUID;

/** The answer to every successful register, login, guest or refresh. */
record AuthResponse(String accessToken, String refreshToken, long expiresIn, PlayerRef player) {

  record PlayerRef(UUID id, String username) {}
}
