package hokm.loadgen;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/** The load generator's entry point: sets up, runs, checks and reports one scenario. */
public final class LoadGen {
  private final Options options;
  private final String url;
  private final String metricsUrl;
  private final String mode;
  private final int tables;
  private final Stats stats = new Stats();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Point> timeline = new ArrayList<>();
  private final Histogram windowMoves = new Histogram(Stats.MAX_MICROS, 3);
  private final List<Prom> windowScrapes = new ArrayList<>();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final long t0 = System.nanoTime();
  private volatile boolean inWindow;
  private volatile Prom lastScrape;
  private Prom windowStart;
  private Prom windowEnd;
  private long windowStartNanos;
  private long windowEndNanos;
  private long windowStartMoves;
  private long windowEndMoves;
  private final List<String> notes = new ArrayList<>();

  /** One second of the run. */
  record Point(
      double t,
      double movesPerSecond,
      double p50,
      double p90,
      double p99,
      double max,
      int sockets,
      int tablesPlaying,
      long errors,
      long dropped,
      double serverMovesPerSecond,
      double serverCpu,
      double heapMiB,
      double journalLag,
      double journalQueue,
      double generatorCpu) {}

  private LoadGen(Options options) {
    this.options = options;
    this.url = options.string("url", "http://127.0.0.1:8080").replaceAll("/$", "");
    this.metricsUrl = options.string("metrics-url", nextPort(url)).replaceAll("/$", "");
    this.mode = options.string("mode", "game");
    this.tables = options.integer("tables", 10);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = new Options(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.HELP);
      System.exit(2);
      return;
    }
    if (options.has("help") || options.has("h")) {
      System.out.println(Options.HELP);
      return;
    }
    if (options.has("render")) {
      render(Path.of(options.string("render", "")));
      return;
    }
    int code = new LoadGen(options).run();
    System.exit(code);
  }

  /** Writes report.html again beside a report.json (its timeline and summary). */
  @SuppressWarnings("unchecked")
  private static void render(Path json) throws Exception {
    Map<String, Object> report = Players.JSON.readValue(json.toFile(), LinkedHashMap.class);
    List<Point> points = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) report.get("timeline")) {
      points.add(
          new Point(
              num(m, "t"),
              num(m, "movesPerSecond"),
              num(m, "p50Ms"),
              num(m, "p90Ms"),
              num(m, "p99Ms"),
              num(m, "maxMs"),
              (int) num(m, "sockets"),
              (int) num(m, "tablesPlaying"),
              (long) num(m, "errors"),
              (long) num(m, "dropped"),
              num(m, "serverMovesPerSecond"),
              num(m, "serverCpu"),
              num(m, "heapMiB"),
              num(m, "journalLagSeconds"),
              num(m, "journalQueue"),
              num(m, "generatorCpu")));
    }
    Path html = json.resolveSibling("report.html");
    Files.writeString(html, Html.page(String.valueOf(report.get("label")), report, points));
    System.out.println("wrote " + html);
  }

  private static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String now() {
    return Instant.now().toString().substring(11, 19);
  }

  private void log(String text) {
    System.out.println("[" + now() + "] " + text);
  }

  /** Sockets a table has: four humans, or one with {@code --bots}. */
  private int socketsPerTable = 4;

  private int run() throws Exception {
    Options.Think think = Options.Think.parse(options.string("think", "0"));
    Players.Run run =
        new Players.Run(
            stats,
            think,
            options.integer("target-points", 7),
            options.integer("turn-seconds", 300),
            options.string("bots", null));
    int humans = run.humans();
    socketsPerTable = mode.equals("echo") ? 4 : humans;
    int ramp = options.integer("ramp", 5);
    int warmup = options.integer("warmup", 0);
    int duration = options.integer("duration", 30);
    String label = options.string("label", mode + "-" + tables + "t");
    log(
        "hokm loadgen "
            + label
            + ": mode="
            + mode
            + " tables="
            + tables
            + " sockets="
            + tables * humans
            + " think="
            + options.string("think", "0")
            + " ramp="
            + ramp
            + "s warmup="
            + warmup
            + "s duration="
            + duration
            + "s url="
            + url);
    Prom first = Prom.scrape(http, metricsUrl);
    if (first == null) {
      log("WARNING: " + metricsUrl + "/actuator/prometheus did not answer: no server-side numbers");
    }
    lastScrape = first;

    // Sign-ups first (game mode): one guest per socket.
    List<String> tokens = new ArrayList<>();
    long setupStarted = System.nanoTime();
    if (mode.equals("game")) {
      tokens = tokens(tables * humans, options.integer("guest-concurrency", 16));
      log(
          String.format(
              "%d guests signed up in %.1f s",
              tokens.size(), (System.nanoTime() - setupStarted) / 1e9));
    }
    double setupSeconds = (System.nanoTime() - setupStarted) / 1e9;

    Thread ticker = new Thread(this::tick, "loadgen-ticker");
    ticker.setDaemon(true);
    ticker.start();

    int sourceIps = options.integer("source-ips", 1);
    URI wsUri =
        URI.create(url.replaceFirst("^http", "ws") + (mode.equals("echo") ? "/bench/echo" : "/ws"));
    Semaphore connecting = new Semaphore(options.integer("connect-concurrency", 64));
    List<Players.Table> gameTables = new ArrayList<>();
    List<Players.EchoGroup> echoGroups = new ArrayList<>();
    List<Ws> sockets = new ArrayList<>();
    long rampStarted = System.nanoTime();
    try (Ws.Client client = new Ws.Client(options.integer("io-threads", 1))) {
      for (int t = 0; t < tables; t++) {
        long due = rampStarted + (long) (ramp * 1e9 * t / Math.max(1, tables));
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        Players.Table table = new Players.Table(t);
        Players.EchoGroup group = new Players.EchoGroup();
        for (int i = 0; i < (mode.equals("echo") ? 4 : humans); i++) {
          int n = t * (mode.equals("echo") ? 4 : humans) + i;
          InetSocketAddress local =
              sourceIps > 1 ? new InetSocketAddress("127.0.0." + (2 + n % sourceIps), 0) : null;
          Ws.Listener listener;
          if (mode.equals("echo")) {
            Players.EchoPlayer p = new Players.EchoPlayer(run, group, i, 1000L * t + i);
            group.players[i] = p;
            listener = p;
          } else {
            Players.GamePlayer p =
                new Players.GamePlayer(run, table, i, tokens.get(n), 1000L * t + i);
            table.players[i] = p;
            listener = p;
          }
          connecting.acquire();
          Ws.Listener guarded = releasing(listener, connecting);
          URI target = mode.equals("echo") ? URI.create(wsUri + "?group=g" + t) : wsUri;
          Ws ws = client.connect(target, local, guarded);
          if (listener instanceof Players.EchoPlayer p) {
            p.ws = ws;
          } else {
            ((Players.GamePlayer) listener).ws = ws;
          }
          sockets.add(ws);
        }
        gameTables.add(table);
        echoGroups.add(group);
      }
      // Every table seated (or given up on).
      long formDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + tables / 100);
      long lastFormed = -1;
      long lastProgress = System.nanoTime();
      while (System.nanoTime() < formDeadline) {
        long formed =
            mode.equals("echo")
                ? echoGroups.stream().filter(g -> g.formed).count()
                : gameTables.stream().filter(g -> g.formed).count();
        if (formed == tables) {
          break;
        }
        if (formed != lastFormed) {
          lastFormed = formed;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(15)
            && stats.openSockets.get() < tables * (mode.equals("echo") ? 4 : humans)) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      long formed =
          mode.equals("echo")
              ? echoGroups.stream().filter(g -> g.formed).count()
              : gameTables.stream().filter(g -> g.formed).count();
      double rampSeconds = (System.nanoTime() - rampStarted) / 1e9;
      log(String.format("%d of %d tables formed after %.1f s", formed, tables, rampSeconds));
      if (formed < tables) {
        notes.add((tables - formed) + " tables did not form");
      }

      if (warmup > 0) {
        TimeUnit.SECONDS.sleep(warmup);
      }
      // The measured window.
      synchronized (timeline) {
        windowStart = Prom.scrape(http, metricsUrl);
        windowStartNanos = System.nanoTime();
        windowStartMoves = stats.moves.sum();
        inWindow = true;
      }
      Thread fault = startFault();
      TimeUnit.SECONDS.sleep(duration);
      synchronized (timeline) {
        inWindow = false;
        windowEndNanos = System.nanoTime();
        windowEndMoves = stats.moves.sum();
        windowEnd = Prom.scrape(http, metricsUrl);
      }
      if (fault != null) {
        fault.join();
      }
      // Stop sending and let every move in flight come back.
      run.sending = false;
      run.rematch = false;
      long flightDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (stats.inFlight.get() > 0 && System.nanoTime() < flightDeadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      if (stats.inFlight.get() > 0) {
        notes.add(stats.inFlight.get() + " moves still unanswered 30 s after the end");
      }
      log("window over; waiting for the journal to catch up");
      double drainSeconds = mode.equals("game") ? drainJournal() : 0;
      DbCheck db = null;
      String dbUrl = options.string("db-url", System.getenv("HOKM_LOADGEN_DB_URL"));
      boolean dbCheck = options.flag("db-check", dbUrl != null) && mode.equals("game");
      if (dbCheck) {
        if (dbUrl == null) {
          notes.add("--db-check=true without --db-url: not checked");
        } else {
          try {
            db =
                DbCheck.run(
                    dbUrl,
                    options.string("db-user", envOr("HOKM_LOADGEN_DB_USER", "hokm_owner")),
                    options.string("db-password", envOr("HOKM_LOADGEN_DB_PASSWORD", "")),
                    stats.acceptedBySession);
          } catch (Exception e) {
            notes.add("database check failed to run: " + e);
          }
        }
      }
      run.closing = true;
      for (Players.Table table : gameTables) {
        for (Players.GamePlayer p : table.players) {
          if (p != null && p.ws != null) {
            p.leave();
          }
        }
      }
      TimeUnit.MILLISECONDS.sleep(300);
      for (Ws ws : sockets) {
        ws.close();
      }
      TimeUnit.MILLISECONDS.sleep(500);
      return report(label, setupSeconds, rampSeconds, drainSeconds, db, dbCheck, dbUrl);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private static Ws.Listener releasing(Ws.Listener listener, Semaphore permits) {
    return new Ws.Listener() {
      private boolean released;

      private void release() {
        if (!released) {
          released = true;
          permits.release();
        }
      }

      @Override
      public void onOpen(Ws ws) {
        release();
        listener.onOpen(ws);
      }

      @Override
      public void onText(Ws ws, String text) {
        listener.onText(ws, text);
      }

      @Override
      public void onClose(Ws ws, int code, Throwable cause) {
        release();
        listener.onClose(ws, code, cause);
      }
    };
  }

  /** Runs --fault-cmd at --fault-at seconds into the window and --recover-cmd after it. */
  private Thread startFault() {
    String cmd = options.string("fault-cmd", null);
    if (cmd == null) {
      return null;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(options.integer("fault-at", 10));
                log("FAULT: " + cmd);
                notes.add(
                    String.format("fault '%s' at %.1f s", cmd, (System.nanoTime() - t0) / 1e9));
                shell(cmd);
                TimeUnit.SECONDS.sleep(options.integer("fault-seconds", 20));
                String recover = options.string("recover-cmd", null);
                if (recover != null) {
                  log("RECOVER: " + recover);
                  notes.add(
                      String.format(
                          "recovery '%s' at %.1f s", recover, (System.nanoTime() - t0) / 1e9));
                  shell(recover);
                }
              } catch (Exception e) {
                notes.add("fault injection failed: " + e);
              }
            },
            "loadgen-fault");
    thread.start();
    return thread;
  }

  private static void shell(String cmd) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", cmd).inheritIO().start();
    p.waitFor();
  }

  /**
   * One token per socket: read from --tokens-file when it has them (guests of an earlier run on the
   * same database and JWT secret), the rest signed up now and added to the file.
   */
  private List<String> tokens(int count, int concurrency) throws Exception {
    String file = options.string("tokens-file", null);
    List<String> tokens = new ArrayList<>();
    if (file != null && Files.exists(Path.of(file))) {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (!line.isBlank() && tokens.size() < count) {
          tokens.add(line.trim());
        }
      }
      log(tokens.size() + " guest tokens read from " + file);
    }
    if (tokens.size() < count) {
      List<String> fresh = guests(count - tokens.size(), concurrency);
      tokens.addAll(fresh);
      if (file != null) {
        Files.write(
            Path.of(file),
            fresh,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    }
    return tokens;
  }

  private List<String> guests(int count, int concurrency) throws Exception {
    String[] tokens = new String[count];
    Semaphore permits = new Semaphore(concurrency);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> lastFailure = new AtomicReference<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/auth/guest"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    for (int i = 0; i < count; i++) {
      int n = i;
      permits.acquire();
      all.add(
          signUp(request, 5)
              .whenComplete(
                  (token, error) -> {
                    permits.release();
                    if (token != null) {
                      tokens[n] = token;
                    } else {
                      failures.incrementAndGet();
                      lastFailure.set(String.valueOf(error));
                    }
                  }));
      if ((i + 1) % 5000 == 0) {
        log((i + 1) + " guests asked for");
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    if (failures.get() > 0) {
      throw new IllegalStateException(
          failures.get() + " guest sign-ups failed; last: " + lastFailure.get());
    }
    return List.of(tokens);
  }

  private CompletableFuture<String> signUp(HttpRequest request, int attempts) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            response -> {
              if (response.statusCode() == 201 || response.statusCode() == 200) {
                return CompletableFuture.completedFuture(
                    Players.JSON.readTree(response.body()).path("accessToken").asString());
              }
              if (attempts > 1 && (response.statusCode() == 429 || response.statusCode() >= 500)) {
                return CompletableFuture.runAsync(
                        () -> {}, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                    .thenCompose(v -> signUp(request, attempts - 1));
              }
              return CompletableFuture.failedFuture(
                  new IllegalStateException(
                      "POST /api/auth/guest: " + response.statusCode() + " " + response.body()));
            });
  }

  /** Waits until the server's journal has nothing queued and no lag; returns the seconds taken. */
  private double drainJournal() throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(options.integer("drain-timeout", 120));
    int quiet = 0;
    while (System.nanoTime() < deadline) {
      Prom p = Prom.scrape(http, metricsUrl);
      if (p != null) {
        double depth = p.sum("hokm_journal_queue_depth");
        double lag = p.sum("hokm_journal_lag_seconds");
        if (depth == 0 && lag == 0) {
          if (++quiet >= 2) {
            return (System.nanoTime() - started) / 1e9;
          }
        } else {
          quiet = 0;
        }
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    notes.add("the journal had not caught up after the drain timeout");
    return (System.nanoTime() - started) / 1e9;
  }

  // -------------------------------------------------------------------------------------------
  // Once a second: the timeline, scrapes, progress.

  private void tick() {
    long scrapeEvery = Math.max(1, options.integer("scrape-interval", 1));
    long progressEvery = Math.max(1, options.integer("progress", 5));
    long lastMoves = 0;
    long lastAt = System.nanoTime();
    Prom previous = lastScrape;
    Histogram interval = null;
    long second = 0;
    while (true) {
      try {
        TimeUnit.MILLISECONDS.sleep(1000 - (System.nanoTime() - t0) / 1_000_000 % 1000);
      } catch (InterruptedException e) {
        return;
      }
      second++;
      Prom scrape = null;
      if (second % scrapeEvery == 0) {
        scrape = Prom.scrape(http, metricsUrl);
      }
      synchronized (timeline) {
        interval = stats.move.getIntervalHistogram(interval);
        long nowNanos = System.nanoTime();
        long moves = stats.moves.sum();
        double dt = (nowNanos - lastAt) / 1e9;
        double rate = (moves - lastMoves) / dt;
        lastMoves = moves;
        lastAt = nowNanos;
        if (inWindow) {
          windowMoves.add(interval);
          if (scrape != null) {
            windowScrapes.add(scrape);
          }
        }
        double serverRate = Double.NaN;
        double cpu = Double.NaN;
        double heap = Double.NaN;
        double lag = Double.NaN;
        double queue = Double.NaN;
        if (scrape != null) {
          cpu = scrape.sum("process_cpu_usage");
          heap = scrape.sum("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20);
          lag = scrape.sum("hokm_journal_lag_seconds");
          queue = scrape.sum("hokm_journal_queue_depth");
          if (previous != null) {
            serverRate =
                (scrape.sum("hokm_moves_accepted_total")
                        - previous.sum("hokm_moves_accepted_total"))
                    / ((scrape.at - previous.at) / 1e9);
          }
          previous = scrape;
          lastScrape = scrape;
        }
        Point point =
            new Point(
                (nowNanos - t0) / 1e9,
                rate,
                ms(interval.getValueAtPercentile(50), interval),
                ms(interval.getValueAtPercentile(90), interval),
                ms(interval.getValueAtPercentile(99), interval),
                ms(interval.getMaxValue(), interval),
                stats.openSockets.get(),
                stats.tablesPlaying.get(),
                stats.errorCount(),
                stats.dropped.sum(),
                serverRate,
                cpu,
                heap,
                lag,
                queue,
                os.getProcessCpuLoad());
        timeline.add(point);
        if (second % progressEvery == 0) {
          log(
              String.format(
                  "t=%4.0fs sockets=%d playing=%d moves/s=%.0f p50=%.1fms p99=%.1fms max=%.1fms"
                      + " errors=%d dropped=%d | server cpu=%s heap=%sMiB journal lag=%ss queue=%s",
                  point.t(),
                  point.sockets(),
                  point.tablesPlaying(),
                  rate,
                  point.p50(),
                  point.p99(),
                  point.max(),
                  point.errors(),
                  point.dropped(),
                  fmt(cpu * 100, "%.0f%%"),
                  fmt(heap, "%.0f"),
                  fmt(lag, "%.2f"),
                  fmt(queue, "%.0f")));
        }
      }
    }
  }

  private static double ms(long micros, Histogram h) {
    return h.getTotalCount() == 0 ? Double.NaN : micros / 1000.0;
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(format, v);
  }

  // -------------------------------------------------------------------------------------------
  // The report

  private int report(
      String label,
      double setupSeconds,
      double rampSeconds,
      double drainSeconds,
      DbCheck db,
      boolean dbCheck,
      String dbUrl)
      throws Exception {
    double window = (windowEndNanos - windowStartNanos) / 1e9;
    long windowMoveCount = windowEndMoves - windowStartMoves;
    List<Point> timeline;
    synchronized (this.timeline) {
      timeline = new ArrayList<>(this.timeline);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", label);
    out.put("startedAt", Instant.now().minusNanos(System.nanoTime() - t0).toString());
    out.put("options", options.all());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memoryBytes", os.getTotalMemorySize());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    out.put("machine", machine);
    out.put("tables", tables);
    out.put("sockets", tables * socketsPerTable);
    out.put("setupSeconds", round(setupSeconds));
    out.put("rampSeconds", round(rampSeconds));
    out.put("windowSeconds", round(window));
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("movesAccepted", windowMoveCount);
    client.put("movesPerSecond", round(windowMoveCount / window));
    client.put("moveLatencyMs", quantiles(windowMoves, 1000.0));
    client.put("movesAcceptedWholeRun", stats.moves.sum());
    client.put("gamesCompleted", stats.games.sum());
    Histogram games = stats.game.getIntervalHistogram();
    client.put("gameDurationSeconds", quantiles(games, 1000.0));
    Histogram connect = stats.connect.getIntervalHistogram();
    client.put("connectMs", quantiles(connect, 1000.0));
    Histogram welcome = stats.welcome.getIntervalHistogram();
    client.put("helloToWelcomeMs", quantiles(welcome, 1000.0));
    Map<String, Long> errors = new LinkedHashMap<>();
    stats.errors.forEach((k, v) -> errors.put(k, v.sum()));
    client.put("errorsByCode", errors);
    client.put("rejectedMoves", stats.rejectedMoves.sum());
    client.put("droppedSockets", stats.dropped.sum());
    Map<String, Long> closes = new LinkedHashMap<>();
    stats.closes.forEach((k, v) -> closes.put(String.valueOf(k), v.sum()));
    client.put("closeCodes", closes);
    client.put("connectFailures", stats.connectFailures.sum());
    client.put("framesIn", stats.framesIn.sum());
    client.put("framesOut", stats.framesOut.sum());
    double genCpu = avg(timeline.stream().mapToDouble(Point::generatorCpu).toArray());
    client.put("generatorCpuShareOfMachine", round(genCpu));
    out.put("client", client);

    Map<String, Object> server = serverView(window);
    out.put("server", server);
    out.put("journalDrainSeconds", round(drainSeconds));
    if (db != null) {
      out.put("database", db.toMap());
    } else {
      out.put("database", dbCheck ? "not checked: " + notes : "not checked");
    }
    out.put("notes", notes);
    boolean ok =
        stats.errorCount() == 0
            && stats.dropped.sum() == 0
            && stats.connectFailures.sum() == 0
            && windowMoveCount > 0
            && (db == null || db.ok())
            && !(dbCheck && db == null);
    out.put("ok", ok);
    List<Map<String, Object>> points = new ArrayList<>();
    for (Point p : timeline) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("t", round(p.t()));
      m.put("movesPerSecond", round(p.movesPerSecond()));
      m.put("p50Ms", round(p.p50()));
      m.put("p90Ms", round(p.p90()));
      m.put("p99Ms", round(p.p99()));
      m.put("maxMs", round(p.max()));
      m.put("sockets", p.sockets());
      m.put("tablesPlaying", p.tablesPlaying());
      m.put("errors", p.errors());
      m.put("dropped", p.dropped());
      m.put("serverMovesPerSecond", round(p.serverMovesPerSecond()));
      m.put("serverCpu", round(p.serverCpu()));
      m.put("heapMiB", round(p.heapMiB()));
      m.put("journalLagSeconds", round(p.journalLag()));
      m.put("journalQueue", round(p.journalQueue()));
      m.put("generatorCpu", round(p.generatorCpu()));
      points.add(m);
    }
    out.put("timeline", points);

    printTable(label, out, client, server, db, window, windowMoveCount);
    String dir = options.string("out", null);
    if (dir != null) {
      Path path = Path.of(dir);
      Files.createDirectories(path);
      Files.writeString(
          path.resolve("report.json"),
          Players.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      Files.writeString(path.resolve("report.html"), Html.page(label, out, timeline));
      log("wrote " + path.resolve("report.json") + " and " + path.resolve("report.html"));
    }
    System.out.println(ok ? "RESULT: OK" : "RESULT: FAILED");
    return ok ? 0 : 1;
  }

  private Map<String, Object> serverView(double window) {
    Map<String, Object> server = new LinkedHashMap<>();
    if (windowStart == null || windowEnd == null) {
      server.put("available", false);
      return server;
    }
    double seconds = (windowEnd.at - windowStart.at) / 1e9;
    server.put(
        "movesAcceptedPerSecond",
        round(
            (windowEnd.sum("hokm_moves_accepted_total")
                    - windowStart.sum("hokm_moves_accepted_total"))
                / seconds));
    server.put(
        "journalWritesPerSecond",
        round(
            (windowEnd.sum("hokm_journal_writes_total")
                    - windowStart.sum("hokm_journal_writes_total"))
                / seconds));
    double[] q =
        Prom.quantiles(
            windowStart, windowEnd, "hokm_move_broadcast_latency_seconds", 0.5, 0.9, 0.99, 0.999);
    Map<String, Object> broadcast = new LinkedHashMap<>();
    broadcast.put("p50Ms", round(q[0] * 1000));
    broadcast.put("p90Ms", round(q[1] * 1000));
    broadcast.put("p99Ms", round(q[2] * 1000));
    broadcast.put("p999Ms", round(q[3] * 1000));
    broadcast.put("note", "upper bounds of histogram buckets");
    server.put("moveBroadcastLatency", broadcast);
    double[] jw =
        Prom.quantiles(windowStart, windowEnd, "hokm_journal_write_latency_seconds", 0.5, 0.99);
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("p50", round(jw[0] * 1000));
    batch.put("p99", round(jw[1] * 1000));
    server.put("journalBatchWriteMs", batch);
    double[] lag = series(s -> s.sum("hokm_journal_lag_seconds"));
    server.put("journalLagSeconds", summary(lag));
    server.put("journalQueueDepth", summary(series(s -> s.sum("hokm_journal_queue_depth"))));
    server.put("hikariActive", summary(series(s -> s.sum("hikaricp_connections_active"))));
    server.put("hikariPending", summary(series(s -> s.sum("hikaricp_connections_pending"))));
    server.put("processCpu", summary(series(s -> s.sum("process_cpu_usage"))));
    server.put("systemCpu", summary(series(s -> s.sum("system_cpu_usage"))));
    server.put(
        "heapUsedMiB",
        summary(series(s -> s.sum("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20))));
    server.put(
        "liveDataAfterGcMiB", round(windowEnd.sum("jvm_gc_live_data_size_bytes") / (1 << 20)));
    server.put(
        "heapMaxMiB", round(windowEnd.sum("jvm_memory_max_bytes", "area=\"heap\"") / (1 << 20)));
    Map<String, Object> gc = new LinkedHashMap<>();
    gc.put(
        "pauses",
        round(
            windowEnd.sum("jvm_gc_pause_seconds_count")
                - windowStart.sum("jvm_gc_pause_seconds_count")));
    gc.put(
        "pauseSecondsTotal",
        round(
            windowEnd.sum("jvm_gc_pause_seconds_sum")
                - windowStart.sum("jvm_gc_pause_seconds_sum")));
    gc.put("pauseMaxMs", round(summaryMax(series(s -> s.max("jvm_gc_pause_seconds_max"))) * 1000));
    server.put("gc", gc);
    server.put("socketsConnected", round(windowEnd.sum("hokm_sockets_connected")));
    server.put("threads", round(windowEnd.sum("jvm_threads_live_threads")));
    server.put(
        "redisBreakerOpen",
        round(
            windowEnd.sum(
                "resilience4j_circuitbreaker_state", "name=\"redis\"", "state=\"open\"")));
    server.put("journalDropped", round(windowEnd.sum("hokm_journal_dropped_total")));
    return server;
  }

  private double[] series(java.util.function.ToDoubleFunction<Prom> f) {
    List<Prom> all = new ArrayList<>(windowScrapes);
    all.add(windowEnd);
    return all.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray();
  }

  private static Map<String, Object> summary(double[] values) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (values.length == 0) {
      return m;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    m.put("samples", sorted.length);
    m.put("avg", round(avg(sorted)));
    m.put("p50", round(sorted[(int) Math.min(sorted.length - 1, Math.floor(0.5 * sorted.length))]));
    m.put(
        "p99", round(sorted[(int) Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]));
    m.put("max", round(sorted[sorted.length - 1]));
    return m;
  }

  private static double summaryMax(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static double avg(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v) && v >= 0) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static Map<String, Object> quantiles(Histogram h, double divisor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return m;
    }
    m.put("p50", round(h.getValueAtPercentile(50) / divisor));
    m.put("p90", round(h.getValueAtPercentile(90) / divisor));
    m.put("p99", round(h.getValueAtPercentile(99) / divisor));
    m.put("p999", round(h.getValueAtPercentile(99.9) / divisor));
    m.put("max", round(h.getMaxValue() / divisor));
    m.put("mean", round(h.getMean() / divisor));
    return m;
  }

  static Object round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    return Math.round(v * 1000) / 1000.0;
  }

  @SuppressWarnings("unchecked")
  private void printTable(
      String label,
      Map<String, Object> out,
      Map<String, Object> client,
      Map<String, Object> server,
      DbCheck db,
      double window,
      long moves) {
    StringBuilder s = new StringBuilder();
    s.append("\n== ").append(label).append(" ==\n");
    s.append(
        String.format(
            "%d tables, %d sockets, think %s, measured %.1f s (after %.1f s of ramp/forming)%n",
            tables,
            tables * socketsPerTable,
            options.string("think", "0"),
            window,
            out.get("rampSeconds")));
    s.append(
        String.format(
            "%-22s %10s %9s %9s %9s %9s %9s%n", "", "count", "p50", "p90", "p99", "p99.9", "max"));
    row(s, "move latency (ms)", (Map<String, Object>) client.get("moveLatencyMs"));
    row(s, "connect (ms)", (Map<String, Object>) client.get("connectMs"));
    row(s, "hello->welcome (ms)", (Map<String, Object>) client.get("helloToWelcomeMs"));
    row(s, "game length (s)", (Map<String, Object>) client.get("gameDurationSeconds"));
    if (server.get("moveBroadcastLatency") instanceof Map<?, ?> b) {
      s.append(
          String.format(
              "%-22s %10s %9s %9s %9s %9s%n",
              "server move->queued ms",
              "",
              b.get("p50Ms"),
              b.get("p90Ms"),
              b.get("p99Ms"),
              b.get("p999Ms")));
    }
    s.append(
        String.format(
            "throughput: %.0f moves/s seen accepted by clients (%d in the window); server accepted"
                + " %s/s; journal rows written %s/s%n",
            moves / window,
            moves,
            server.get("movesAcceptedPerSecond"),
            server.get("journalWritesPerSecond")));
    s.append(
        String.format(
            "games completed: %s; errors: %s; rejected moves: %s; dropped sockets: %s %s;"
                + " connect failures: %s%n",
            client.get("gamesCompleted"),
            client.get("errorsByCode"),
            client.get("rejectedMoves"),
            client.get("droppedSockets"),
            client.get("closeCodes"),
            client.get("connectFailures")));
    s.append(
        String.format(
            "server: cpu %s, heap used %s MiB (live after GC %s MiB of max %s), GC %s, hikari"
                + " active %s pending %s%n",
            server.get("processCpu"),
            server.get("heapUsedMiB"),
            server.get("liveDataAfterGcMiB"),
            server.get("heapMaxMiB"),
            server.get("gc"),
            server.get("hikariActive"),
            server.get("hikariPending")));
    s.append(
        String.format(
            "journal: lag s %s, queue %s, batch write ms %s; drained %.1f s after the window%n",
            server.get("journalLagSeconds"),
            server.get("journalQueueDepth"),
            server.get("journalBatchWriteMs"),
            out.get("journalDrainSeconds") == null
                ? 0.0
                : ((Number) out.get("journalDrainSeconds")).doubleValue()));
    s.append(
        String.format(
            "generator: %.0f%% of the machine's CPU on average%n",
            100 * ((Number) client.getOrDefault("generatorCpuShareOfMachine", 0.0)).doubleValue()));
    if (db != null) {
      s.append(
          String.format(
              "database: %s — %d sessions, clients saw %d moves accepted, %d stored; missing"
                  + " sessions %d, wrong counts %d, gaps %d, repeated sequences %d%n",
              db.ok() ? "OK" : "MISMATCH",
              db.sessions,
              db.clientMoves,
              db.storedMoves,
              db.missingSessions,
              db.sessionsWithWrongCount,
              db.sessionsWithGaps,
              db.duplicateSequences));
      for (String problem : db.problems) {
        s.append("  ").append(problem).append('\n');
      }
    } else {
      s.append("database: ").append(out.get("database")).append('\n');
    }
    for (String note : notes) {
      s.append("note: ").append(note).append('\n');
    }
    System.out.print(s);
  }

  private static void row(StringBuilder s, String name, Map<String, Object> q) {
    s.append(
        String.format(
            "%-22s %10s %9s %9s %9s %9s %9s%n",
            name,
            q.get("count"),
            q.getOrDefault("p50", "-"),
            q.getOrDefault("p90", "-"),
            q.getOrDefault("p99", "-"),
            q.getOrDefault("p999", "-"),
            q.getOrDefault("max", "-")));
  }

  /**
   * The server's management port is, by the scripts' convention, the one after its players' port.
   */
  static String nextPort(String url) {
    URI uri = URI.create(url);
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + (port + 1);
  }
}
