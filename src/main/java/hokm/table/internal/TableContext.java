package hokm.table.internal;

import hokm.table.GameRecorder;
import hokm.table.PlayerRef;
import hokm.table.TableProperties;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What all tables share: settings, the mailbox pool, the timer thread, the recorder, metrics, the
 * lobby that hosts them and where each game's deal secret comes from.
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
    Supplier<byte[]> dealSecrets) {

  /** What a table tells the lobby. */
  public interface Host {
    /** The player no longer holds a seat at this table. */
    void released(PlayerRef player, Table table);

    /** The table is gone: nobody can join or watch it any more. */
    void closed(Table table);
  }
}
