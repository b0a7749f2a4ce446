package hokm.table.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tables' metrics, as Prometheus will show them ({@code hokm_*}). */
public final class TableMetrics {
  private final MeterRegistry registry;
  private final Counter movesAccepted;
  private final Map<String, Counter> movesRejected = new ConcurrentHashMap<>();
  private final Map<hokm.engine.EndReason, Counter> gamesEnded =
      new EnumMap<>(hokm.engine.EndReason.class);
  private final Map<String, Counter> botMoves = new ConcurrentHashMap<>();
  private final Timer moveToBroadcast;

  public TableMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.movesAccepted =
        Counter.builder("hokm.moves.accepted")
            .description("Moves accepted by tables (human and bot)")
            .register(registry);
    for (hokm.engine.EndReason reason : hokm.engine.EndReason.values()) {
      gamesEnded.put(
          reason,
          Counter.builder("hokm.games.completed")
              .description("Games that ended, by reason")
              .tag("reason", reason.name().toLowerCase())
              .register(registry));
    }
    // Registered at zero so dashboards and alerts see the series before the first event.
    for (String code :
        new String[] {
          "WRONG_PHASE",
          "NOT_YOUR_TURN",
          "NOT_HAKEM",
          "CARD_NOT_IN_HAND",
          "MUST_FOLLOW_SUIT",
          "NOT_A_PLAYER",
          "NOT_AT_TABLE"
        }) {
      rejectedCounter(code);
    }
    for (String why : new String[] {"timeout", "absent", "left", "grace_expired"}) {
      takeoverCounter(why);
    }
    this.moveToBroadcast =
        Timer.builder("hokm.move.broadcast.latency")
            .description("From a move frame decoded to its events queued to every client")
            .publishPercentileHistogram()
            .register(registry);
  }

  public void moveAccepted() {
    movesAccepted.increment();
  }

  public void moveRejected(String code) {
    rejectedCounter(code).increment();
  }

  private Counter rejectedCounter(String code) {
    return movesRejected.computeIfAbsent(
        code,
        c ->
            Counter.builder("hokm.moves.rejected")
                .description("Moves refused, by error code")
                .tag("code", c)
                .register(registry));
  }

  public void gameEnded(hokm.engine.EndReason reason) {
    gamesEnded.get(reason).increment();
  }

  /**
   * A bot acted for a human: {@code timeout} (a move when time ran out), {@code absent} (a move for
   * a disconnected player), {@code left} or {@code grace_expired} (the seat handed to the bot).
   */
  public void botTakeover(String why) {
    takeoverCounter(why).increment();
  }

  private Counter takeoverCounter(String why) {
    return botMoves.computeIfAbsent(
        why,
        w ->
            Counter.builder("hokm.bot.takeovers")
                .description("Times a bot acted for a human, by why")
                .tag("reason", w)
                .register(registry));
  }

  public void moveBroadcast(long nanos) {
    moveToBroadcast.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
