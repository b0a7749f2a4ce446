package hokm.analytics.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public leaderboard ({@code hokm.leaderboard.*}).
 *
 * @param minGames the rated games a player needs to be on it: below that, a rating says too little
 *     about a player to rank them against others
 */
@ConfigurationProperties("hokm.leaderboard")
public record LeaderboardProperties(@DefaultValue("10") int minGames) {

  public LeaderboardProperties {
    if (minGames < 1) {
      throw new IllegalArgumentException("hokm.leaderboard.min-games must be at least 1");
    }
  }
}
