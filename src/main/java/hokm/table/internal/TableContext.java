package hokm.table.internal;

import hokm.table.BotProperties;
import hokm.table.GameRecorder;
import hokm.table.PlayerRef;
import hokm.table.TableProperties;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What all tables share: settings, the mailbox pool, the timer thread, the recorder, metrics, the
 * lobby that hosts them, where each game's deal secret comes from and the bots.
 */
public record TableContext(
    TableProperties properties,
    Executor mailboxPool,
    ScheduledExecutorService timers,
    GameRecorder recorder,
    hokm.table.TableStore store,
    TableMetrics metrics,
    Host host,
    Clock clock,
    Supplier<byte[]> dealSecrets,
    BotMoves bots) {

  /** A context whose bots search, when a table's level is hard, on the calling thread. */
  public TableContext(
      TableProperties properties,
      Executor mailboxPool,
      ScheduledExecutorService timers,
      GameRecorder recorder,
      hokm.table.TableStore store,
      TableMetrics metrics,
      Host host,
      Clock clock,
      Supplier<byte[]> dealSecrets) {
    this(
        properties,
        mailboxPool,
        timers,
        recorder,
        store,
        metrics,
        host,
        clock,
        dealSecrets,
        new BotMoves(
            new BotProperties(1, 0, 200, 200, java.time.Duration.ZERO),
            null,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
  }

  /** What a table tells the lobby. */
  public interface Host {
    /** The player no longer holds a seat at this table. */
    void released(PlayerRef player, Table table);

    /** The table is gone: nobody can join or watch it any more. */
    void closed(Table table);
  }
}
