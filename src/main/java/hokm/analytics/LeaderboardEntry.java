package hokm.analytics;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A row of the leaderboard. {@code rating} is the ordinal ({@code mu - 3 sigma}) the board ranks
 * by; {@code mu} and {@code sigma} are the OpenSkill rating itself.
 */
public record LeaderboardEntry(
    int rank,
    UUID playerId,
    String username,
    double rating,
    double mu,
    double sigma,
    int ratedGames,
    int totalGames,
    int wins,
    int losses,
    BigDecimal winRate) {}
