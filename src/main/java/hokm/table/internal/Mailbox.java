package hokm.table.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks given to it one at a time, in order, on a shared pool: a table's single writer.
 * Many mailboxes share few threads; a mailbox holds a thread only while it has work.
 */
public final class Mailbox implements Executor {
  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
  private static final int BATCH = 64;

  private final Executor pool;
  private final java.util.function.Consumer<Runnable> runner;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  public Mailbox(Executor pool) {
    this(pool, Runnable::run);
  }

  /** A mailbox that runs each task through {@code runner} (which must call it). */
  public Mailbox(Executor pool, java.util.function.Consumer<Runnable> runner) {
    this.pool = pool;
    this.runner = runner;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (scheduled.compareAndSet(false, true)) {
      pool.execute(drain);
    }
  }

  private void drain() {
    for (int i = 0; i < BATCH; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      try {
        runner.accept(task);
      } catch (RuntimeException e) {
        log.error("table task failed", e);
      }
    }
    scheduled.set(false);
    // A task added after the last poll but before the flag cleared must not wait for the next one.
    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
      pool.execute(drain);
    }
  }
}
