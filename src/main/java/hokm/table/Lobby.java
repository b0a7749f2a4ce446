package hokm.table;

import hokm.engine.Card;
import hokm.engine.Game;
import hokm.engine.Phase;
import hokm.engine.Suit;
import hokm.table.internal.BotMoves;
import hokm.table.internal.Matchmaking;
import hokm.table.internal.Table;
import hokm.table.internal.TableContext;
import hokm.table.internal.TableMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The tables of this server and the way into them: quick match, private tables with codes, joining,
 * watching. Every action on a table is posted to that table's mailbox; the lobby only keeps the
 * indexes (which tables exist, who sits where) and makes sure a player holds at most one seat.
 */
@Service
public class Lobby implements TableContext.Host, SmartInitializingSingleton {
  private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final int CODE_LENGTH = 10;

  private final TableProperties properties;
  private final TableContext context;
  private final ExecutorService mailboxPool;
  private final ScheduledExecutorService timers;
  private final SecureRandom random = new SecureRandom();

  private final Map<UUID, Table> tables = new ConcurrentHashMap<>();
  private final Map<String, Table> byCode = new ConcurrentHashMap<>();

  /** Who holds (or is about to take) a seat where. A player is in at most one. */
  private final Map<UUID, Table> seated = new ConcurrentHashMap<>();

  /** Where each spectating socket watches. */
  private final Map<String, Table> watching = new ConcurrentHashMap<>();

  private final Object quickMatchLock = new Object();

  /** The quick-match table being filled with bots at once, per bot level. */
  private final Map<String, Table> openQuickMatches = new java.util.HashMap<>();

  /**
   * Quick-match tables waiting for humans, oldest first, per bot level; and who waits at each, with
   * their ordinal and since when. Both under {@link #quickMatchLock}.
   */
  private final Map<BotLevel, List<Table>> waitingQuickMatches =
      new java.util.EnumMap<>(BotLevel.class);

  private final Map<Table, List<Matchmaking.Waiter>> waiters = new java.util.HashMap<>();

  private final PlayerRatings ratings;

  /** The ordinal of each level's bots, as last read for a quick match. */
  private final Map<BotLevel, Double> botOrdinals = new ConcurrentHashMap<>();

  private final Matchmaking matchmaking;
  private final Clock clock;

  @Autowired
  public Lobby(
      TableProperties properties,
      MatchmakingProperties matchmaking,
      ObjectProvider<GameRecorder> recorders,
      ObjectProvider<TableStore> stores,
      ObjectProvider<PlayerRatings> ratings,
      ObjectProvider<Clock> clocks,
      MeterRegistry registry,
      BotMoves bots) {
    this(
        properties,
        matchmaking,
        // Without a journal, games are played but not recorded.
        recorders.getIfAvailable(() -> GameRecorder.NONE),
        stores.getIfAvailable(() -> TableStore.NONE),
        ratings.getIfAvailable(() -> PlayerRatings.NONE),
        clocks.getIfAvailable(Clock::systemUTC),
        registry,
        bots,
        mailboxThreads(properties),
        timerThread());
  }

  /** A lobby whose mailboxes and timers run where the caller says (tests: on virtual time). */
  Lobby(
      TableProperties properties,
      MatchmakingProperties matchmaking,
      GameRecorder recorder,
      TableStore store,
      PlayerRatings ratings,
      Clock clock,
      MeterRegistry registry,
      BotMoves bots,
      ExecutorService mailboxPool,
      ScheduledExecutorService timers) {
    this.clock = clock;
    this.ratings = ratings;
    this.matchmaking = new Matchmaking(matchmaking);
    this.properties = properties;
    this.mailboxPool = mailboxPool;
    this.timers = timers;
    long sweep = matchmaking.sweepInterval().toNanos();
    timers.scheduleWithFixedDelay(this::mergeWaitingTables, sweep, sweep, TimeUnit.NANOSECONDS);
    this.context =
        new TableContext(
            properties,
            mailboxPool,
            timers,
            recorder,
            store,
            new TableMetrics(registry),
            this,
            clock,
            Game::newDealSecret,
            bots);
    for (Phase phase : Phase.values()) {
      Gauge.builder("hokm.tables.active", this, lobby -> lobby.countTables(phase))
          .description("Tables with a game, by phase")
          .tag("phase", phase.name().toLowerCase())
          .register(registry);
    }
    Gauge.builder("hokm.tables.active", this, lobby -> lobby.countTables(null))
        .description("Tables waiting for players")
        .tag("phase", "waiting")
        .register(registry);
  }

  private static ExecutorService mailboxThreads(TableProperties properties) {
    AtomicInteger threadNumber = new AtomicInteger();
    return Executors.newFixedThreadPool(
        properties.effectiveMailboxThreads(),
        r -> {
          Thread thread = new Thread(r, "table-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  private static ScheduledExecutorService timerThread() {
    ScheduledThreadPoolExecutor timerPool =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "table-timers");
              thread.setDaemon(true);
              return thread;
            });
    timerPool.setRemoveOnCancelPolicy(true);
    return timerPool;
  }

  private double countTables(Phase phase) {
    int count = 0;
    for (Table table : tables.values()) {
      if (table.status() == Table.Status.CLOSED) {
        continue;
      }
      Phase current = table.status() == Table.Status.WAITING ? null : table.phase();
      if (current == phase) {
        count++;
      }
    }
    return count;
  }

  /**
   * Before the server takes connections: brings back every table this server held when it stopped
   * (or was killed), so players who reconnect find their seats.
   */
  @Override
  public void afterSingletonsInstantiated() {
    int restored = 0;
    for (TableSnapshot snapshot : context.store().restore()) {
      if (snapshot.status().equals("closed") || tables.containsKey(snapshot.tableId())) {
        continue;
      }
      Table table = Table.restore(snapshot, context);
      tables.put(table.id(), table);
      if (table.code() != null) {
        byCode.put(table.code(), table);
      }
      for (TableSnapshot.Seat seat : snapshot.seats()) {
        if (seat.player() != null) {
          seated.put(seat.player().id(), table);
        }
      }
      restored++;
    }
    if (restored > 0) {
      org.slf4j.LoggerFactory.getLogger(Lobby.class).info("restored {} tables", restored);
    }
  }

  /**
   * Asks a table for a full snapshot (on its own mailbox) and hands it to {@code consumer}; false
   * when there is no such table here.
   */
  public boolean snapshotTable(UUID tableId, java.util.function.Consumer<TableSnapshot> consumer) {
    Table table = tables.get(tableId);
    if (table == null) {
      return false;
    }
    table.mailbox().execute(() -> consumer.accept(table.fullSnapshot()));
    return true;
  }

  /** The default options of a new table, overridden by what the client asked for. */
  public TableOptions options(
      Boolean privateTable,
      Integer targetPoints,
      Boolean kot,
      Integer turnSeconds,
      Boolean fillWithBots) {
    return options(privateTable, targetPoints, kot, turnSeconds, fillWithBots, null);
  }

  /** The same, with the level of the table's bots ({@code normal} when null). */
  public TableOptions options(
      Boolean privateTable,
      Integer targetPoints,
      Boolean kot,
      Integer turnSeconds,
      Boolean fillWithBots,
      BotLevel botLevel) {
    return new TableOptions(
        privateTable != null && privateTable,
        targetPoints != null ? targetPoints : hokm.engine.Rules.DEFAULT_TARGET,
        kot == null || kot,
        turnSeconds != null ? turnSeconds : properties.turnSeconds(),
        fillWithBots != null && fillWithBots,
        botLevel);
  }

  public TableProperties properties() {
    return properties;
  }

  // ---------------------------------------------------------------------------------------------
  // Entering

  /** Seats the player at the quick-match table being filled, opening one when needed. */
  public void quickMatch(TableClient client, boolean fillWithBots, String replyTo) {
    quickMatch(client, fillWithBots, BotLevel.NORMAL, replyTo);
  }

  /**
   * Seats the player at the quick-match table being filled for that bot level (players who asked
   * for the same level and the same {@code fillWithBots} play together), opening one when needed.
   */
  public void quickMatch(
      TableClient client, boolean fillWithBots, BotLevel botLevel, String replyTo) {
    if (!reserveFreshSeat(client, replyTo)) {
      return;
    }
    BotLevel level = botLevel == null ? BotLevel.NORMAL : botLevel;
    if (!fillWithBots) {
      // Read here, on the caller's thread: ratings may come from the database, which a table's
      // mailbox and the timers never wait for.
      UUID id = client.player().id();
      Matchmaking.Waiter waiter = new Matchmaking.Waiter(id, ratings.ordinal(id), clock.instant());
      botOrdinals.put(level, ratings.botOrdinal(level));
      seatWaiting(client, level, waiter, replyTo);
      return;
    }
    String key = level.wireName() + "+bots";
    Table table;
    synchronized (quickMatchLock) {
      Table open = openQuickMatches.get(key);
      if (open == null || open.status() != Table.Status.WAITING) {
        open = openTable(options(false, null, null, null, fillWithBots, level), true);
        openQuickMatches.put(key, open);
      }
      table = open;
    }
    seated.put(client.player().id(), table);
    Table chosen = table;
    chosen
        .mailbox()
        .execute(
            () -> {
              if (!chosen.seat(client, -1, replyTo, true)) {
                seated.remove(client.player().id(), chosen);
                synchronized (quickMatchLock) {
                  openQuickMatches.values().remove(chosen);
                }
                quickMatch(client, fillWithBots, level, replyTo);
              }
            });
  }

  /**
   * Seats a player who waits for humans at the waiting table of their level whose players all
   * accept them (the nearest in ordinal), or at a new one ({@link Matchmaking#place}).
   */
  private void seatWaiting(
      TableClient client, BotLevel level, Matchmaking.Waiter waiter, String replyTo) {
    Table table;
    synchronized (quickMatchLock) {
      List<Table> open = waitingTables(level);
      int chosen = matchmaking.place(groups(open), waiter, clock.instant());
      if (chosen >= 0) {
        table = open.get(chosen);
      } else {
        table = openTable(options(false, null, null, null, false, level), true);
        open.add(table);
        waiters.put(table, new ArrayList<>());
      }
      waiters.get(table).add(waiter);
    }
    seated.put(waiter.player(), table);
    seatAt(table, client, level, waiter, replyTo);
  }

  /** Seats a waiting player at the table chosen for them; should it refuse, chooses again. */
  private void seatAt(
      Table table, TableClient client, BotLevel level, Matchmaking.Waiter waiter, String replyTo) {
    double bots = botOrdinals.getOrDefault(level, PlayerRatings.DEFAULT_ORDINAL);
    table
        .mailbox()
        .execute(
            () -> {
              table.expectRatings(waiter.player(), waiter.ordinal(), bots);
              if (!table.seat(client, -1, replyTo, true)) {
                seated.remove(waiter.player(), table);
                synchronized (quickMatchLock) {
                  forget(table, waiter.player());
                }
                seatWaiting(client, level, waiter, replyTo);
              }
            });
  }

  /**
   * Merges waiting quick-match tables whose players' windows have widened enough to accept each
   * other ({@link Matchmaking#merge}): the players of the newer table move to the older one, and
   * each gets a {@code table_state} of it. Runs every {@code hokm.matchmaking.sweep-interval}.
   */
  public void mergeWaitingTables() {
    record Move(Table from, Table into, BotLevel level, List<Matchmaking.Waiter> players) {}
    List<Move> moves = new ArrayList<>();
    synchronized (quickMatchLock) {
      java.time.Instant now = clock.instant();
      for (BotLevel level : BotLevel.values()) {
        List<Table> open = waitingTables(level);
        int[] merge;
        while ((merge = matchmaking.merge(groups(open), now)) != null) {
          Table from = open.get(merge[0]);
          Table into = open.get(merge[1]);
          List<Matchmaking.Waiter> movers = waiters.remove(from);
          open.remove(from);
          waiters.get(into).addAll(movers);
          moves.add(new Move(from, into, level, movers));
        }
      }
    }
    for (Move move : moves) {
      for (Matchmaking.Waiter waiter : move.players()) {
        move.from()
            .mailbox()
            .execute(
                () -> {
                  TableClient client = move.from().moveOut(waiter.player());
                  if (client == null) {
                    // Gone meanwhile (left, or the game started): nothing to move.
                    synchronized (quickMatchLock) {
                      forget(move.into(), waiter.player());
                    }
                    return;
                  }
                  seated.put(waiter.player(), move.into());
                  seatAt(move.into(), client, move.level(), waiter, null);
                });
      }
    }
  }

  /** The level's waiting quick-match tables, oldest first, without those no longer waiting. */
  private List<Table> waitingTables(BotLevel level) {
    List<Table> open = waitingQuickMatches.computeIfAbsent(level, l -> new ArrayList<>());
    open.removeIf(
        table -> {
          if (table.status() == Table.Status.WAITING) {
            return false;
          }
          waiters.remove(table);
          return true;
        });
    return open;
  }

  private List<List<Matchmaking.Waiter>> groups(List<Table> open) {
    List<List<Matchmaking.Waiter>> groups = new ArrayList<>(open.size());
    for (Table table : open) {
      groups.add(waiters.getOrDefault(table, List.of()));
    }
    return groups;
  }

  /** The player no longer waits at that table. Under the quick-match lock. */
  private void forget(Table table, UUID player) {
    List<Matchmaking.Waiter> at = waiters.get(table);
    if (at != null) {
      at.removeIf(w -> w.player().equals(player));
    }
  }

  /** Opens a table and seats its creator. */
  public void createTable(TableClient client, TableOptions options, String replyTo) {
    if (!reserveFreshSeat(client, replyTo)) {
      return;
    }
    Table table = openTable(options, false);
    seated.put(client.player().id(), table);
    table
        .mailbox()
        .execute(
            () -> {
              if (!table.seat(client, -1, replyTo, false)) {
                seated.remove(client.player().id(), table);
              }
            });
  }

  /** Joins a table by its id (public tables) or its code (private tables). */
  public void join(TableClient client, UUID tableId, String code, int seat, String replyTo) {
    Table table = find(tableId, code);
    if (table == null) {
      client.send(
          Message.error(ErrorCode.TABLE_NOT_FOUND, "No open table with that id or code.", replyTo));
      return;
    }
    Table current = seated.get(client.player().id());
    if (current == table) {
      table.mailbox().execute(() -> table.seat(client, seat, replyTo, false));
      return;
    }
    if (!reserveFreshSeat(client, replyTo)) {
      return;
    }
    seated.put(client.player().id(), table);
    table
        .mailbox()
        .execute(
            () -> {
              if (!table.seat(client, seat, replyTo, false)) {
                seated.remove(client.player().id(), table);
              }
            });
  }

  /** Watches a table: public information only. */
  public void spectate(TableClient client, UUID tableId, String code, String replyTo) {
    Table table = find(tableId, code);
    if (table == null) {
      client.send(
          Message.error(ErrorCode.TABLE_NOT_FOUND, "No open table with that id or code.", replyTo));
      return;
    }
    if (seated.containsKey(client.player().id())) {
      client.send(
          Message.error(
              ErrorCode.ALREADY_SEATED, "Leave your table before watching another.", replyTo));
      return;
    }
    Table before = watching.put(client.connectionId(), table);
    if (before != null && before != table) {
      before.mailbox().execute(() -> before.unwatch(client));
    }
    table.mailbox().execute(() -> table.spectate(client, replyTo));
  }

  /**
   * Ends a table because an operator said so: a game in play ends as aborted (nobody wins), a
   * waiting table closes, and everyone at it is released. False when no such table is open here.
   */
  public boolean abort(UUID tableId) {
    Table table = tables.get(tableId);
    if (table == null) {
      return false;
    }
    table.mailbox().execute(() -> table.close(hokm.engine.EndReason.ABORTED));
    return true;
  }

  private Table find(UUID tableId, String code) {
    if (code != null) {
      return byCode.get(code.toUpperCase());
    }
    if (tableId == null) {
      return null;
    }
    Table table = tables.get(tableId);
    // A private table is found by its code only: its id alone does not let anyone in.
    return table == null || table.isPrivate() ? null : table;
  }

  /**
   * Makes sure the player may take a new seat: not seated at a live table. A seat at a finished
   * table is given up.
   */
  private boolean reserveFreshSeat(TableClient client, String replyTo) {
    Table current = seated.get(client.player().id());
    if (current != null) {
      if (current.status() == Table.Status.OVER || current.status() == Table.Status.CLOSED) {
        seated.remove(client.player().id(), current);
        current.mailbox().execute(() -> current.leave(client, null));
      } else {
        client.send(
            Message.error(
                ErrorCode.ALREADY_SEATED,
                "You already have a seat; leave that table first.",
                replyTo));
        return false;
      }
    }
    Table watched = watching.remove(client.connectionId());
    if (watched != null) {
      watched.mailbox().execute(() -> watched.unwatch(client));
    }
    return true;
  }

  private Table openTable(TableOptions options, boolean quickMatch) {
    String code = options.privateTable() ? newCode() : null;
    Table table = new Table(UUID.randomUUID(), code, options, quickMatch, context);
    tables.put(table.id(), table);
    if (code != null) {
      byCode.put(code, table);
    }
    table.mailbox().execute(table::open);
    return table;
  }

  private String newCode() {
    while (true) {
      char[] code = new char[CODE_LENGTH];
      for (int i = 0; i < CODE_LENGTH; i++) {
        code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
      }
      String text = new String(code);
      if (!byCode.containsKey(text)) {
        return text;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Acting at the table

  public void leave(TableClient client, String replyTo) {
    Table table = seated.get(client.player().id());
    if (table == null) {
      table = watching.remove(client.connectionId());
    }
    if (table == null) {
      client.send(Message.error(ErrorCode.NOT_AT_TABLE, "You are not at a table.", replyTo));
      return;
    }
    Table at = table;
    at.mailbox().execute(() -> at.leave(client, replyTo));
  }

  public void chooseTrump(TableClient client, Suit suit, String replyTo) {
    Table table = tableFor(client, replyTo);
    if (table != null) {
      table.mailbox().execute(() -> table.chooseTrump(client, suit, replyTo));
    }
  }

  public void playCard(TableClient client, Card card, String replyTo) {
    Table table = tableFor(client, replyTo);
    if (table != null) {
      table.mailbox().execute(() -> table.playCard(client, card, replyTo));
    }
  }

  public void rematch(TableClient client, String replyTo) {
    Table table = tableFor(client, replyTo);
    if (table != null) {
      table.mailbox().execute(() -> table.rematch(client, replyTo));
    }
  }

  public void sync(TableClient client, String replyTo) {
    Table table = seated.get(client.player().id());
    if (table == null) {
      table = watching.get(client.connectionId());
    }
    if (table == null) {
      client.send(Message.error(ErrorCode.NOT_AT_TABLE, "You are not at a table.", replyTo));
      return;
    }
    Table at = table;
    at.mailbox().execute(() -> at.sync(client, replyTo));
  }

  private Table tableFor(TableClient client, String replyTo) {
    Table table = seated.get(client.player().id());
    if (table == null) {
      ErrorCode code =
          watching.containsKey(client.connectionId())
              ? ErrorCode.NOT_A_PLAYER
              : ErrorCode.NOT_AT_TABLE;
      client.send(
          Message.error(
              code,
              code == ErrorCode.NOT_A_PLAYER
                  ? "Spectators cannot act on the game."
                  : "You are not at a table.",
              replyTo));
      return null;
    }
    return table;
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  /** A socket of this player authenticated: if they hold a seat, it takes the seat back. */
  public void connected(TableClient client) {
    Table table = seated.get(client.player().id());
    if (table != null) {
      table.mailbox().execute(() -> table.reattach(client));
    }
  }

  /** A socket closed. */
  public void disconnected(TableClient client) {
    Table watched = watching.remove(client.connectionId());
    if (watched != null) {
      watched.mailbox().execute(() -> watched.unwatch(client));
    }
    if (client.player() == null) {
      return;
    }
    Table table = seated.get(client.player().id());
    if (table != null) {
      table.mailbox().execute(() -> table.detach(client));
    }
  }

  /** The table a player holds a seat at, if any. */
  public Optional<UUID> tableOf(UUID playerId) {
    Table table = seated.get(playerId);
    return table == null ? Optional.empty() : Optional.of(table.id());
  }

  /**
   * Public tables with a game being played, for people to watch: at most {@code limit}, each
   * described on its own mailbox. A table whose mailbox does not answer within {@link
   * TableProperties#liveTablesWait()} is left out of this answer.
   */
  public List<LiveTable> liveTables(int limit) {
    List<CompletableFuture<LiveTable>> answers = new ArrayList<>();
    for (Table table : tables.values()) {
      if (table.isPrivate() || table.status() != Table.Status.PLAYING) {
        continue;
      }
      CompletableFuture<LiveTable> answer = new CompletableFuture<>();
      table.mailbox().execute(() -> answer.complete(table.liveSummary()));
      answers.add(answer);
    }
    long deadline = System.nanoTime() + properties.liveTablesWait().toNanos();
    List<LiveTable> live = new ArrayList<>();
    for (CompletableFuture<LiveTable> answer : answers) {
      try {
        LiveTable table =
            answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (table != null) {
          live.add(table);
        }
      } catch (TimeoutException | ExecutionException e) {
        // A busy or failing table is simply not listed this time.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    live.sort(
        Comparator.comparingInt(LiveTable::spectators)
            .reversed()
            .thenComparing(t -> t.tableId().toString()));
    return live.size() > limit ? List.copyOf(live.subList(0, limit)) : live;
  }

  /** Open tables (not closed). */
  public int tableCount() {
    return tables.size();
  }

  @Override
  public void released(PlayerRef player, Table table) {
    seated.remove(player.id(), table);
    synchronized (quickMatchLock) {
      forget(table, player.id());
    }
  }

  @Override
  public void closed(Table table) {
    tables.remove(table.id());
    if (table.code() != null) {
      byCode.remove(table.code(), table);
    }
    watching.values().removeIf(t -> t == table);
    synchronized (quickMatchLock) {
      openQuickMatches.values().remove(table);
      waiters.remove(table);
      for (List<Table> open : waitingQuickMatches.values()) {
        open.remove(table);
      }
    }
  }

  @PreDestroy
  void shutdown() throws InterruptedException {
    timers.shutdownNow();
    mailboxPool.shutdown();
    mailboxPool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
