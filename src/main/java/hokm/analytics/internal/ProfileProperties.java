package hokm.analytics.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a public profile ({@code GET /api/players/{username}}) lists ({@code hokm.profile.*}).
 *
 * @param recentGames how many of the player's latest decided games
 * @param historyPoints how many points of the rating curve (the latest games)
 */
@ConfigurationProperties("hokm.profile")
public record ProfileProperties(
    @DefaultValue("10") int recentGames, @DefaultValue("100") int historyPoints) {

  public ProfileProperties {
    if (recentGames < 0 || historyPoints < 0) {
      throw new IllegalArgumentException("hokm.profile limits must not be negative");
    }
  }
}
