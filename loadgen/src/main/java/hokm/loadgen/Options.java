package hokm.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Command-line options, each {@code --name=value}. */
final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();

  Options(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("options are --name=value, not: " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq < 0) {
        values.put(arg.substring(2), "true");
      } else {
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  double number(String name, double fallback) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
  }

  boolean flag(String name, boolean fallback) {
    return values.containsKey(name) ? Boolean.parseBoolean(values.get(name)) : fallback;
  }

  Map<String, String> all() {
    return values;
  }

  static final String HELP =
      """
      hokm load generator: guest players over HTTP, real WebSockets, tables of four humans playing
      whole games with legal cards; client-side latencies, the server's Prometheus view, and a
      check of the database afterwards.

        --url=http://127.0.0.1:8080   the server
        --metrics-url=URL             its management port (actuator)   [--url's port + 1]
        --mode=game|echo              game: /ws; echo: the bench-echo endpoint /bench/echo
        --tables=N                    concurrent tables (4 sockets each)            [10]
        --think=SPEC                  think time before each move:
                                        0 | fixed:MS | uniform:MIN:MAX | lognormal:MEDIAN_MS:SIGMA
                                        | human (= lognormal:2500:0.5, clamped to 0.4..12 s) [0]
        --ramp=S                      seconds over which the tables connect and sit  [5]
        --warmup=S                    seconds after the ramp not counted              [0]
        --duration=S                  measured seconds after ramp and warm-up         [30]
        --target-points=N             points a game is played to (1..13)              [7]
        --turn-seconds=N              turn time of the tables (so no bot plays)       [300]
        --bots=LEVEL                  tables of one human and three bots at LEVEL (easy,
                                      normal, hard) instead of four humans         [none]
        --io-threads=N                generator network threads                       [1]
        --source-ips=N                spread sockets over 127.0.0.2..N+1 (loopback)   [1: no]
        --guest-concurrency=N         parallel guest sign-ups                         [16]
        --tokens-file=PATH            reuse (and keep) guest tokens between runs on the same
                                      database and JWT secret
        --connect-concurrency=N       parallel WebSocket handshakes                   [64]
        --scrape-interval=S           seconds between /actuator/prometheus scrapes    [1]
        --progress=S                  seconds between progress lines                  [5]
        --out=DIR                     write DIR/report.json and DIR/report.html       [none]
        --render=DIR/report.json      only write DIR/report.html again from a report
        --label=TEXT                  the run's name in reports
        --db-url=JDBC --db-user=U --db-password=P
                                      check PostgreSQL afterwards (or HOKM_LOADGEN_DB_URL,
                                      HOKM_LOADGEN_DB_USER, HOKM_LOADGEN_DB_PASSWORD)
        --db-check=false              skip the database check (journal disabled)
        --drain-timeout=S             wait this long for the journal to catch up      [120]
        --fault-at=S --fault-cmd=CMD --recover-cmd=CMD --fault-seconds=S
                                      run CMD (bash -c) S seconds into the measurement, and
                                      RECOVER-CMD fault-seconds later (faults under load)
      Exit status: 0 when every socket stayed up, no unexpected error came back and every move
      the clients saw accepted is stored exactly once; 1 otherwise; 2 on bad options.
      """;

  /** A think-time distribution in nanoseconds. */
  interface Think {
    long nextNanos(Random random);

    static Think parse(String spec) {
      String[] p = spec.split(":");
      switch (p[0]) {
        case "0", "none":
          return r -> 0;
        case "fixed":
          {
            long ms = Long.parseLong(p[1]);
            return r -> ms * 1_000_000L;
          }
        case "uniform":
          {
            long min = Long.parseLong(p[1]);
            long max = Long.parseLong(p[2]);
            return r -> (min + (long) (r.nextDouble() * (max - min))) * 1_000_000L;
          }
        case "human":
          return lognormal(2500, 0.5, 400, 12_000);
        case "lognormal":
          return lognormal(
              Double.parseDouble(p[1]), Double.parseDouble(p[2]), 0, Long.MAX_VALUE / 2_000_000);
        default:
          throw new IllegalArgumentException("unknown think time: " + spec);
      }
    }

    private static Think lognormal(double medianMs, double sigma, long minMs, long maxMs) {
      double mu = Math.log(medianMs);
      return r -> {
        double ms = Math.exp(mu + sigma * r.nextGaussian());
        ms = Math.max(minMs, Math.min(maxMs, ms));
        return (long) (ms * 1_000_000L);
      };
    }
  }
}
