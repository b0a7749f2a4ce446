package hokm.analytics.internal;

import hokm.analytics.AnalyticsQueries;
import hokm.analytics.DailyGameStats;
import hokm.analytics.LeaderboardEntry;
import hokm.analytics.PublicProfile;
import hokm.platform.ApiErrorCode;
import hokm.platform.ApiErrors;
import hokm.platform.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = AnalyticsController.TAG, description = AnalyticsController.TAG_DESCRIPTION)
class AnalyticsController {
  static final String TAG = "Players and statistics";
  static final String TAG_DESCRIPTION =
      "Public profiles, the leaderboard and daily statistics: no token needed, read from the"
          + " replica when there is one.";

  private final AnalyticsQueries queries;

  AnalyticsController(AnalyticsQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/leaderboard")
  @Operation(
      summary = "The leaderboard",
      description =
          "Registered players with at least `hokm.leaderboard.min-games` (10) rated games, best"
              + " ordinal (`mu - 3 sigma`) first; equal ordinals share a rank.")
  @ApiResponse(responseCode = "200", description = "The best players, best first.")
  @ApiErrors({ApiErrorCode.VALIDATION, ApiErrorCode.DATABASE_UNAVAILABLE})
  Leaderboard leaderboard(
      @Parameter(description = "How many players, 1 to 100")
          @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be between 1 and 100")
          @Max(value = 100, message = "must be between 1 and 100")
          int limit) {
    return new Leaderboard(queries.leaderboard(limit));
  }

  @GetMapping("/stats/daily")
  @Operation(
      summary = "Games per day",
      description = "Counts of the games of each of the latest UTC days, newest first.")
  @ApiResponse(responseCode = "200", description = "One row per day that had games.")
  @ApiErrors({ApiErrorCode.VALIDATION, ApiErrorCode.DATABASE_UNAVAILABLE})
  Daily daily(
      @Parameter(description = "How many days back, 1 to 366")
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
  @Operation(
      summary = "A player's public profile",
      description =
          "Rating, record, the latest results and the rating curve of the player with exactly"
              + " this name.")
  @ApiResponse(responseCode = "200", description = "The profile.")
  @ApiResponse(responseCode = "404", description = "No player has that name.")
  @ApiErrors(ApiErrorCode.NOT_FOUND)
  PublicProfile profile(
      @Parameter(description = "The exact name", example = "sara") @PathVariable String username) {
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

  @Schema(description = "The leaderboard's rows, best first.")
  record Leaderboard(List<LeaderboardEntry> players) {}

  @Schema(name = "DailyStatistics", description = "Games per UTC day.")
  record Daily(List<DailyGameStats> days) {}
}
