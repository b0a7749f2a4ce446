package hokm.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code analytics.game_statistics_summary}: one UTC day. */
public record DailyGameStats(
    LocalDate day,
    long gamesCreated,
    long gamesStarted,
    long gamesCompleted,
    long gamesAbandoned,
    long gamesForfeited,
    long team1Wins,
    long team2Wins,
    long gamesWithBots,
    BigDecimal avgDurationSeconds,
    BigDecimal avgHandsPerCompletedGame) {}
