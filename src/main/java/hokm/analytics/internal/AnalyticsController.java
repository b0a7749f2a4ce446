package hokm.analytics.internal;

import hokm.analytics.AnalyticsQueries;
import hokm.analytics.DailyGameStats;
import hokm.analytics.LeaderboardEntry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public statistics, read from the analytics views. */
@RestController
@RequestMapping("/api")
class AnalyticsController {

  private final AnalyticsQueries queries;

  AnalyticsController(AnalyticsQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/leaderboard")
  Leaderboard leaderboard(
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 100")
          @Max(value = 100, message = "must be between 1 and 100")
          int limit) {
    return new Leaderboard(queries.leaderboard(limit));
  }

  @GetMapping("/stats/daily")
  Daily daily(
      @RequestParam(defaultValue = "30")
          @Min(value = 1, message = "must be between 1 and 366")
          @Max(value = 366, message = "must be between 1 and 366")
          int days) {
    return new Daily(queries.daily(days));
  }

  record Leaderboard(List<LeaderboardEntry> players) {}

  record Daily(List<DailyGameStats> days) {}
}
