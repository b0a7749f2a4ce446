package hokm.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What anyone may see of a player: the rating, the record, the latest results and the rating curve.
 * A guest is not rated: {@code rating} is null and the curve empty.
 *
 * @param ratedGames the games that changed the rating
 * @param games every decided game, rated or played before ratings were OpenSkill's
 * @param recent the latest decided games, newest first
 * @param ratingHistory the rating after each of the latest rated games, oldest first
 */
@Schema(description = "What anyone may see of a player.")
public record PublicProfile(
    String username,
    boolean guest,
    Instant memberSince,
    @Schema(description = "Null for a guest: guests are not rated") RatingValue rating,
    @Schema(description = "The games that changed the rating") int ratedGames,
    @Schema(description = "Every decided game, rated or played before ratings were OpenSkill's")
        int games,
    int wins,
    int losses,
    @Schema(
            description =
                "The latest decided games (`hokm.profile.recent-games`, 10), newest first")
        List<Result> recent,
    @Schema(
            description =
                "The rating after each of the latest rated games (`hokm.profile.history-points`,"
                    + " 100), oldest first; empty for a guest")
        List<RatingPoint> ratingHistory) {

  /** An OpenSkill rating and its ordinal {@code mu - 3 sigma}. */
  @Schema(
      name = "Rating",
      description = "An OpenSkill rating (new player: mu 25, sigma 8.33) and its ordinal.")
  public record RatingValue(
      double mu, double sigma, @Schema(description = "`mu - 3 sigma`") double ordinal) {}

  /**
   * A decided game as the player sat at it. {@code ratingBefore} and {@code ratingAfter} are the
   * ordinals around it, null when the game did not rate the player (a guest, or before OpenSkill).
   */
  @Schema(name = "ProfileGame", description = "A decided game as the player sat at it.")
  public record Result(
      UUID gameId,
      Instant endedAt,
      @Schema(description = "How the game ended", example = "finished") String endReason,
      @Schema(description = "The player's team, 1 or 2") int team,
      boolean won,
      @Schema(description = "Points of `team1` and `team2`", example = "{\"team1\":4,\"team2\":7}")
          Map<String, Integer> scores,
      boolean privateTable,
      @Schema(description = "The table's bot level: easy, normal or hard") String botLevel,
      @Schema(description = "The ordinal before the game; null when it did not rate the player")
          Double ratingBefore,
      @Schema(description = "The ordinal after the game; null when it did not rate the player")
          Double ratingAfter) {}

  /** The rating right after a game. */
  @Schema(description = "The rating right after a rated game.")
  public record RatingPoint(
      UUID gameId, Instant playedAt, double mu, double sigma, double ordinal) {}
}
