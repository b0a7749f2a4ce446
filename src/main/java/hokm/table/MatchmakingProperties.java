package hokm.table;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quick match by skill ({@code hokm.matchmaking.*}), for tables that wait for humans (without
 * {@code fillWithBots}). A waiting player accepts others whose ordinal is within their window of
 * their own; the window starts at {@code initialWindow} and widens by {@code widenPerSecond} every
 * second they wait, up to {@code maxWindow}. Two players may sit together when either one's window
 * holds the other. Bots still fill a table after {@code hokm.table.quick-match-bot-wait}.
 *
 * @param initialWindow the window of a player who just asked, in ordinal points
 * @param widenPerSecond how much the window grows per second of waiting
 * @param maxWindow the widest a window gets
 * @param sweepInterval how often waiting tables whose players now accept each other are merged
 */
@ConfigurationProperties("hokm.matchmaking")
public record MatchmakingProperties(
    @DefaultValue("5") double initialWindow,
    @DefaultValue("1") double widenPerSecond,
    @DefaultValue("30") double maxWindow,
    @DefaultValue("1s") Duration sweepInterval) {

  public MatchmakingProperties {
    if (initialWindow < 0 || widenPerSecond < 0 || maxWindow < initialWindow) {
      throw new IllegalArgumentException(
          "need 0 <= hokm.matchmaking.initial-window <= max-window and widen-per-second >= 0");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("hokm.matchmaking.sweep-interval must be positive");
    }
  }
}
