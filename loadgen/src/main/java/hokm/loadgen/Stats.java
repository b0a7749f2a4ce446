package hokm.loadgen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** What the clients saw: latencies (microseconds) and counts, safe from any thread. */
final class Stats {
  static final long MAX_MICROS = 120_000_000L;

  /** From sending a move to the mover's copy of its broadcast (replyTo = the move's id). */
  final Recorder move = new Recorder(MAX_MICROS, 3);

  final Recorder connect = new Recorder(MAX_MICROS, 3);
  final Recorder welcome = new Recorder(MAX_MICROS, 3);

  /** From game_started to game_over, in milliseconds. */
  final Recorder game = new Recorder(24L * 3600 * 1000, 3);

  final LongAdder moves = new LongAdder();
  final LongAdder games = new LongAdder();
  final LongAdder framesIn = new LongAdder();
  final LongAdder framesOut = new LongAdder();
  final LongAdder rejectedMoves = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final AtomicInteger openSockets = new AtomicInteger();
  final AtomicInteger tablesPlaying = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();

  /** Error frames by code. */
  final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  /** Close codes of sockets the server closed or lost, by code. */
  final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();

  /** Moves each client saw accepted, per game session (room id: tableId#gameNumber). */
  final Map<String, LongAdder> acceptedBySession = new ConcurrentHashMap<>();

  void error(String code) {
    errors.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  void closed(int code) {
    closes.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  void accepted(String session, long micros) {
    move.recordValue(Math.min(MAX_MICROS, Math.max(0, micros)));
    moves.increment();
    if (session != null) {
      acceptedBySession.computeIfAbsent(session, s -> new LongAdder()).increment();
    }
  }

  static void record(Recorder recorder, long micros) {
    recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, micros)));
  }

  long errorCount() {
    long n = 0;
    for (LongAdder a : errors.values()) {
      n += a.sum();
    }
    return n;
  }

  /** Accumulates interval histograms into a total. */
  static final class Total {
    final Histogram all;

    Total(long max) {
      all = new Histogram(max, 3);
    }

    void add(Histogram interval) {
      all.add(interval);
    }
  }
}
