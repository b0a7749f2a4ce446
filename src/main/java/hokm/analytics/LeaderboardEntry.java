package hokm.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A row of the leaderboard. {@code rating} is the ordinal ({@code mu - 3 sigma}) the board ranks
 * by; {@code mu} and {@code sigma} are the OpenSkill rating itself.
 */
@Schema(description = "A row of the leaderboard.")
public record LeaderboardEntry(
    @Schema(description = "From 1; equal ordinals share a rank") int rank,
    UUID playerId,
    String username,
    @Schema(description = "The ordinal `mu - 3 sigma` the board ranks by") double rating,
    @Schema(description = "OpenSkill's mean of the skill") double mu,
    @Schema(description = "OpenSkill's uncertainty of it") double sigma,
    @Schema(description = "The games that changed the rating") int ratedGames,
    @Schema(description = "Also those played before ratings were OpenSkill's") int totalGames,
    int wins,
    int losses,
    @Schema(description = "wins / totalGames, 4 decimals", example = "0.6585")
        BigDecimal winRate) {}
