package hokm.analytics.internal;

import hokm.analytics.AnalyticsQueries;
import hokm.analytics.DailyGameStats;
import hokm.analytics.LeaderboardEntry;
import hokm.analytics.PublicProfile;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

  /**
   * A player's public profile: rating, record, latest results, rating curve. Any name that is not a
   * player's (a malformed one included) is 404 {@code NOT_FOUND}.
   */
  @GetMapping("/players/{username}")
  PublicProfile profile(@PathVariable String username) {
    if (!USERNAME.matcher(username).matches()) {
      throw notFound();
    }
    return queries.profile(username).orElseThrow(AnalyticsController::notFound);
  }

  private static ApiException notFound() {
    return new ApiException(ApiErrorCode.NOT_FOUND, "No player has that name.");
  }

  /** The form of every username (players_username_format). */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_-]{3,32}");

  record Leaderboard(List<LeaderboardEntry> players) {}

  record Daily(List<DailyGameStats> days) {}
}
