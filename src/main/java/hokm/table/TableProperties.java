package hokm.table;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * House rules and limits of tables ({@code hokm.table.*}).
 *
 * @param turnSeconds default time for each decision
 * @param minTurnSeconds shortest time a table may choose
 * @param maxTurnSeconds longest time a table may choose
 * @param reconnectGrace how long a disconnected player keeps the seat
 * @param absentMoveDelay how long the bot waits before playing for a disconnected player
 * @param botMoveDelay how long a bot in its own seat "thinks"
 * @param quickMatchBotWait how long quick match waits for humans before bots fill the seats
 * @param rematchWindow how long a finished table waits for a rematch before it closes
 * @param mailboxThreads threads that run the tables' mailboxes
 * @param liveTablesMax most tables one answer of {@code GET /api/tables/live} lists
 * @param liveTablesWait how long that answer waits for a busy table's mailbox before leaving the
 *     table out
 */
@ConfigurationProperties("hokm.table")
public record TableProperties(
    @DefaultValue("30") int turnSeconds,
    @DefaultValue("5") int minTurnSeconds,
    @DefaultValue("300") int maxTurnSeconds,
    @DefaultValue("60s") Duration reconnectGrace,
    @DefaultValue("3s") Duration absentMoveDelay,
    @DefaultValue("800ms") Duration botMoveDelay,
    @DefaultValue("20s") Duration quickMatchBotWait,
    @DefaultValue("120s") Duration rematchWindow,
    @DefaultValue("0") int mailboxThreads,
    @DefaultValue("50") int liveTablesMax,
    @DefaultValue("2s") Duration liveTablesWait) {

  /** Threads for mailboxes: the configured number, or one per core. */
  public int effectiveMailboxThreads() {
    return mailboxThreads > 0
        ? mailboxThreads
        : Math.max(2, Runtime.getRuntime().availableProcessors());
  }
}
