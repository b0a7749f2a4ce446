package hokm.analytics;

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
public record PublicProfile(
    String username,
    boolean guest,
    Instant memberSince,
    RatingValue rating,
    int ratedGames,
    int games,
    int wins,
    int losses,
    List<Result> recent,
    List<RatingPoint> ratingHistory) {

  /** An OpenSkill rating and its ordinal {@code mu - 3 sigma}. */
  public record RatingValue(double mu, double sigma, double ordinal) {}

  /**
   * A decided game as the player sat at it. {@code ratingBefore} and {@code ratingAfter} are the
   * ordinals around it, null when the game did not rate the player (a guest, or before OpenSkill).
   */
  public record Result(
      UUID gameId,
      Instant endedAt,
      String endReason,
      int team,
      boolean won,
      Map<String, Integer> scores,
      boolean privateTable,
      String botLevel,
      Double ratingBefore,
      Double ratingAfter) {}

  /** The rating right after a game. */
  public record RatingPoint(
      UUID gameId, Instant playedAt, double mu, double sigma, double ordinal) {}
}
