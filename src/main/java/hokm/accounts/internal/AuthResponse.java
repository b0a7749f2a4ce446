package hokm.accounts.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The answer to every successful register, login, guest or refresh. */
@Schema(description = "A signed-in player's tokens.")
record AuthResponse(
    @Schema(
            description =
                "A JWT for `Authorization: Bearer …` and the WebSocket's `hello`; valid"
                    + " `expiresIn` seconds (15 minutes)",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String accessToken,
    @Schema(
            description =
                "Single-use, valid 30 days: trade it for new tokens at `POST /api/auth/refresh`",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String refreshToken,
    @Schema(
            description = "Seconds the access token is valid for",
            example = "900",
            requiredMode = Schema.RequiredMode.REQUIRED)
        long expiresIn,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PlayerRef player) {

  @Schema(name = "SignedInPlayer", description = "The player the tokens are for.")
  record PlayerRef(UUID id, String username) {}
}
