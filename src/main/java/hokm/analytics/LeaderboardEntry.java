package hokm.analytics;

import java.math.BigDecimal;
import java.util.UUID;

/** A row of {@code analytics.leaderboard}. */
public record LeaderboardEntry(
    int rank,
    UUID playerId,
    String username,
    int rating,
    int totalGames,
    int wins,
    int losses,
    BigDecimal winRate) {}
