package hokm.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code analytics.game_statistics_summary}: one UTC day. */
@Schema(description = "The games of one UTC day.")
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
    @Schema(description = "Of the completed games; null when none") BigDecimal avgDurationSeconds,
    @Schema(description = "Null when no game was completed") BigDecimal avgHandsPerCompletedGame) {}
