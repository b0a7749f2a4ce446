package hokm.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and the timers that run on it, both moved only by {@link #advance}: timers due by then
 * run in order, on the calling thread, with the clock reading their time. A test steps through
 * waits instead of sleeping, so nothing depends on the machine's speed.
 */
public final class VirtualTime extends AbstractExecutorService implements ScheduledExecutorService {
  private final PriorityQueue<Timer> pending = new PriorityQueue<>();
  private final Instant start;
  private long now;
  private long scheduled;

  public VirtualTime(Instant start) {
    this.start = start;
  }

  /** The clock these timers keep. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return start.plusNanos(now);
      }
    };
  }

  /** Moves time on by {@code by}, running every timer that falls due meanwhile. */
  public void advance(Duration by) {
    long until = now + by.toNanos();
    Timer next;
    while ((next = pending.peek()) != null && next.at <= until) {
      pending.poll();
      if (next.isCancelled()) {
        continue;
      }
      now = next.at;
      next.fire();
    }
    now = until;
  }

  private final class Timer extends FutureTask<Object> implements ScheduledFuture<Object> {
    long at;
    final long order = scheduled++;
    final long period;

    Timer(Runnable task, long at, long period) {
      super(task, null);
      this.at = at;
      this.period = period;
    }

    void fire() {
      if (period > 0) {
        if (runAndReset()) {
          at = now + period;
          pending.add(this);
        }
      } else {
        run();
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Timer that = (Timer) other;
      int byTime = Long.compare(at, that.at);
      return byTime != 0 ? byTime : Long.compare(order, that.order);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    Timer timer = new Timer(task, now + unit.toNanos(delay), 0);
    pending.add(timer);
    return timer;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable task, long initialDelay, long period, TimeUnit unit) {
    return scheduleWithFixedDelay(task, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable task, long initialDelay, long delay, TimeUnit unit) {
    Timer timer = new Timer(task, now + unit.toNanos(initialDelay), unit.toNanos(delay));
    pending.add(timer);
    return timer;
  }

  /** Runs the task at once, on the calling thread. */
  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return true;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
