package hokm.table.internal;

import hokm.engine.Card;
import hokm.engine.EndReason;
import hokm.engine.Game;
import hokm.engine.GameEvent;
import hokm.engine.Move;
import hokm.engine.Phase;
import hokm.engine.PublicView;
import hokm.engine.Rejection;
import hokm.engine.Seats;
import hokm.engine.Suit;
import hokm.table.BotLevel;
import hokm.table.ErrorCode;
import hokm.table.GameRecorder.EndedGame;
import hokm.table.GameRecorder.LiveState;
import hokm.table.GameRecorder.OpenedSession;
import hokm.table.GameRecorder.RecordedMove;
import hokm.table.GameRecorder.SeatRecord;
import hokm.table.GameRecorder.StartedGame;
import hokm.table.LiveTable;
import hokm.table.Message;
import hokm.table.PlayerRef;
import hokm.table.TableClient;
import hokm.table.TableOptions;
import hokm.table.TableSnapshot;
import hokm.table.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table: four seats, the game on them, its timers and its audience. Every method runs on the
 * table's {@link Mailbox} (callers post to {@link #mailbox()}), so there is exactly one writer and
 * no locks.
 */
public final class Table {
  private static final Logger log = LoggerFactory.getLogger(Table.class);

  public enum Status {
    WAITING,
    PLAYING,
    OVER,
    CLOSED
  }

  private final UUID id;
  private final String code;
  private final TableOptions options;
  private final boolean quickMatch;
  private final TableContext context;
  private final Mailbox mailbox;

  private final SeatState[] seats = new SeatState[Seats.COUNT];
  private final Map<String, TableClient> spectators = new LinkedHashMap<>();
  private final Set<Integer> rematchVotes = new HashSet<>();

  private volatile Status status = Status.WAITING;
  private volatile Phase phase;
  private Game game;
  private UUID sessionId;

  /** What this session's game is dealt from: its secret, or (restored from before) its seed. */
  private byte[] dealSecret;

  private long seed;
  private int gameNumber;
  private int recordSequence;
  private long seq;
  private long turnToken;
  private Instant turnDeadline;
  private ScheduledFuture<?> turnTimer;
  private ScheduledFuture<?> waitTimer;
  private final List<Object> held = new ArrayList<>();
  private boolean holding;

  /** The last store write whose frames have not all been sent yet. Mailbox thread only. */
  private CompletableFuture<Void> inFlight = TableStore.DONE;

  private final List<RecordedMove> unsaved = new ArrayList<>();
  private boolean dirty;
  private long savedSeq = -1;

  /** Until then, absent players count as slow rather than gone: they are reconnecting. */
  private Instant restoredUntil;

  /**
   * Quick match: the ordinals of the players the lobby seated here and of this table's bots, for
   * splitting the first game's teams evenly. Mailbox thread only.
   */
  private final Map<UUID, Double> ordinals = new java.util.HashMap<>();

  private double botOrdinal = hokm.table.PlayerRatings.DEFAULT_ORDINAL;

  public Table(
      UUID id, String code, TableOptions options, boolean quickMatch, TableContext context) {
    this.id = id;
    this.code = code;
    this.options = options;
    this.quickMatch = quickMatch;
    this.context = context;
    this.mailbox = new Mailbox(context.mailboxPool(), this::runTask);
    for (int i = 0; i < Seats.COUNT; i++) {
      seats[i] = new SeatState(i);
    }
  }

  /**
   * Rebuilds a table from its snapshot after a restart: the game is replayed from its deal secret
   * (or, for a game started before those, its seed) and moves, every human is away (their seats
   * wait for them for the reconnect grace), and the turn timer starts again.
   */
  public static Table restore(TableSnapshot snapshot, TableContext context) {
    Table table =
        new Table(
            snapshot.tableId(),
            snapshot.code(),
            snapshot.options(),
            snapshot.quickMatch(),
            context);
    table.mailbox.execute(() -> table.resume(snapshot));
    return table;
  }

  private void resume(TableSnapshot snapshot) {
    sessionId = snapshot.sessionId();
    seed = snapshot.seed();
    dealSecret = snapshot.dealSecret();
    gameNumber = snapshot.gameNumber();
    recordSequence = snapshot.recordSequence();
    seq = snapshot.seq();
    savedSeq = seq;
    for (int i = 0; i < Seats.COUNT; i++) {
      TableSnapshot.Seat saved = snapshot.seats().get(i);
      seats[i].player = saved.player();
      seats[i].bot = saved.bot();
    }
    status = Status.valueOf(snapshot.status().toUpperCase());
    List<Move> moves = new ArrayList<>();
    for (RecordedMove recorded : snapshot.moves()) {
      Move move = recorded.toMove();
      if (move != null) {
        moves.add(move);
      }
    }
    if (status != Status.WAITING) {
      game =
          dealSecret != null
              ? Game.replay(dealSecret, options.rules(), moves)
              : Game.replay(seed, options.rules(), moves);
      phase = game.phase();
    }
    Duration grace = context.properties().reconnectGrace();
    restoredUntil = context.clock().instant().plus(grace.dividedBy(2));
    for (SeatState seat : seats) {
      if (seat.player != null) {
        SeatState away = seat;
        seat.graceTimer = schedule(grace, () -> graceExpired(away, null));
      }
    }
    if (game != null && game.isOver()) {
      // Records the end again (the journal applies it once) and waits for a rematch.
      finishGame();
    } else if (status == Status.PLAYING) {
      for (SeatState seat : seats) {
        if (seat.player != null) {
          context.recorder().seatChanged(sessionId, record(seat));
        }
      }
      recordLiveState();
      scheduleTurn();
    }
    dirty = true;
  }

  private static final class SeatState {
    final int index;
    PlayerRef player;
    boolean bot;
    TableClient client;
    ScheduledFuture<?> graceTimer;

    SeatState(int index) {
      this.index = index;
    }

    boolean isFree() {
      return player == null && !bot;
    }

    boolean isHuman() {
      return player != null;
    }

    boolean isConnected() {
      return client != null;
    }

    /** A bot decides for this seat: a bot's own seat, or a human who is not connected. */
    boolean botPlays() {
      return bot || client == null;
    }
  }

  public UUID id() {
    return id;
  }

  /** The private join code, or null for a public table. */
  public String code() {
    return code;
  }

  public boolean isPrivate() {
    return code != null;
  }

  public boolean isQuickMatch() {
    return quickMatch;
  }

  public Mailbox mailbox() {
    return mailbox;
  }

  public Status status() {
    return status;
  }

  /** The phase of the game for metrics: null while waiting. Read from any thread. */
  public Phase phase() {
    return phase;
  }

  // ---------------------------------------------------------------------------------------------
  // Joining, watching, leaving

  /** Records the new table as a waiting session. */
  public void open() {
    newSession();
    dirty = true;
    if (quickMatch && !options.fillWithBots()) {
      waitTimer =
          schedule(context.properties().quickMatchBotWait(), this::fillWithBotsIfStillWaiting);
    }
  }

  private void newSession() {
    gameNumber++;
    sessionId = UUID.randomUUID();
    // Every game its own secret: the one revealed by a finished game's replay deals nothing else.
    dealSecret = context.dealSecrets().get();
    seed = 0L;
    recordSequence = 0;
    context
        .recorder()
        .sessionOpened(
            new OpenedSession(
                sessionId,
                id,
                id + "#" + gameNumber,
                seed,
                dealSecret,
                options,
                code,
                context.clock().instant()));
  }

  /**
   * Seats a player. Returns false, after telling the client why unless {@code quiet}, when the
   * table cannot take them; the caller then releases its reservation.
   */
  public boolean seat(TableClient client, int requestedSeat, String replyTo, boolean quiet) {
    PlayerRef player = client.player();
    SeatState existing = seatOf(player);
    if (existing != null) {
      attach(existing, client, replyTo);
      return true;
    }
    if (status != Status.WAITING) {
      if (!quiet) {
        deliver(
            client,
            Message.error(
                status == Status.CLOSED ? ErrorCode.TABLE_NOT_FOUND : ErrorCode.TABLE_FULL,
                status == Status.CLOSED
                    ? "This table is closed."
                    : "All four seats are taken; you can watch the game.",
                replyTo));
      }
      return false;
    }
    SeatState target = null;
    if (requestedSeat >= 0) {
      target = seats[requestedSeat];
      if (!target.isFree()) {
        if (!quiet) {
          deliver(client, Message.error(ErrorCode.SEAT_TAKEN, "That seat is taken.", replyTo));
        }
        return false;
      }
    } else {
      for (SeatState seat : seats) {
        if (seat.isFree()) {
          target = seat;
          break;
        }
      }
    }
    if (target == null) {
      if (!quiet) {
        deliver(client, Message.error(ErrorCode.TABLE_FULL, "All four seats are taken.", replyTo));
      }
      return false;
    }
    target.player = player;
    target.client = client;
    context.store().playerSeat(player.id(), id, target.index);
    spectators.remove(client.connectionId());
    broadcastExcept(
        client, event("player_joined").put("seat", target.index).put("player", seatInfo(target)));
    sendState(client, replyTo);
    if (options.fillWithBots()) {
      fillWithBots();
    }
    startIfFull();
    return true;
  }

  /** Adds a spectator: public information only. */
  public void spectate(TableClient client, String replyTo) {
    if (status == Status.CLOSED) {
      deliver(client, Message.error(ErrorCode.TABLE_NOT_FOUND, "This table is closed.", replyTo));
      return;
    }
    spectators.put(client.connectionId(), client);
    sendState(client, replyTo);
  }

  /** Stops watching; returns whether the client was a spectator here. */
  public boolean unwatch(TableClient client) {
    return spectators.remove(client.connectionId()) != null;
  }

  /** The player leaves their seat: freed while waiting, handed to the bot during a game. */
  public void leave(TableClient client, String replyTo) {
    SeatState seat = seatOf(client.player());
    if (seat == null) {
      if (spectators.remove(client.connectionId()) != null) {
        deliver(client, reply("left", replyTo).put("tableId", id.toString()));
      } else {
        deliver(
            client, Message.error(ErrorCode.NOT_AT_TABLE, "You are not at this table.", replyTo));
      }
      return;
    }
    vacate(seat, "left");
    // After the seat is released, so the player can sit elsewhere as soon as they hear this.
    deliver(client, reply("left", replyTo).put("tableId", id.toString()));
  }

  /**
   * Quick match: how strong a player about to be seated here is, and this table's bots; the first
   * game's teams are split by them.
   */
  public void expectRatings(UUID player, double ordinal, double bots) {
    ordinals.put(player, ordinal);
    botOrdinal = bots;
  }

  /**
   * Takes a waiting player out of their seat to be seated at another waiting table (quick match
   * merging two tables): the others here see them leave; they are not told, as the table they move
   * to sends its state. Returns their socket, or null when they no longer wait here.
   */
  public TableClient moveOut(UUID player) {
    if (status != Status.WAITING) {
      return null;
    }
    SeatState seat = null;
    for (SeatState s : seats) {
      if (s.player != null && s.player.id().equals(player) && s.client != null) {
        seat = s;
      }
    }
    if (seat == null) {
      return null;
    }
    TableClient client = seat.client;
    seat.client = null;
    seat.player = null;
    ordinals.remove(player);
    broadcast(event("player_left").put("seat", seat.index).put("bot", false));
    if (humans() == 0) {
      close(EndReason.ABANDONED);
    }
    return client;
  }

  private void vacate(SeatState seat, String why) {
    PlayerRef player = seat.player;
    cancel(seat.graceTimer);
    seat.graceTimer = null;
    seat.client = null;
    switch (status) {
      case WAITING -> {
        seat.player = null;
        broadcast(event("player_left").put("seat", seat.index).put("bot", false));
        if (humans() == 0) {
          close(EndReason.ABANDONED);
        }
      }
      case PLAYING -> {
        seat.player = null;
        seat.bot = true;
        context.metrics().botTakeover(why);
        broadcast(event("player_left").put("seat", seat.index).put("bot", true));
        context.recorder().seatChanged(sessionId, record(seat));
        if (!endIfTeamGone(seat.index)) {
          recordLiveState();
          if (game.turn() == seat.index) {
            scheduleTurn();
          }
        }
      }
      case OVER -> {
        recordGone(seat);
        seat.player = null;
        seat.bot = true;
        rematchVotes.remove(seat.index);
        broadcast(event("player_left").put("seat", seat.index).put("bot", true));
        if (humans() == 0) {
          close(null);
        } else {
          maybeStartRematch();
        }
      }
      case CLOSED -> {}
    }
    context.host().released(player, this);
    context.store().playerSeat(player.id(), null, -1);
  }

  /**
   * After a human left: a game with no humans is abandoned; a team with no humans left (while the
   * other team has some) forfeits.
   */
  private boolean endIfTeamGone(int seatIndex) {
    if (humans() == 0) {
      applyTableMove(new Move.Stop(EndReason.ABANDONED));
      return true;
    }
    int team = Seats.teamOf(seatIndex);
    boolean teamHasHuman = seats[seatIndex].isHuman() || seats[Seats.partner(seatIndex)].isHuman();
    if (!teamHasHuman) {
      applyTableMove(new Move.Forfeit(team));
      return true;
    }
    return false;
  }

  /**
   * A new socket of a seated player (after a reconnect, or a second socket replacing the first).
   */
  public void reattach(TableClient client) {
    SeatState seat = seatOf(client.player());
    if (seat == null) {
      context.host().released(client.player(), this);
      return;
    }
    attach(seat, client, null);
  }

  private void attach(SeatState seat, TableClient client, String replyTo) {
    boolean wasAway = seat.client == null;
    seat.client = client;
    cancel(seat.graceTimer);
    seat.graceTimer = null;
    if (wasAway) {
      broadcastExcept(client, event("player_reconnected").put("seat", seat.index));
      if (status == Status.PLAYING) {
        context.recorder().seatChanged(sessionId, record(seat));
        recordLiveState();
        if (game.turn() == seat.index) {
          // The state first (it follows welcome at once), then the turn again: the player gets
          // a whole normal turn instead of the absent bot's delay.
          sendState(client, replyTo);
          scheduleTurn();
          return;
        }
      }
    }
    sendState(client, replyTo);
  }

  /** A socket closed. If it held a seat, the seat waits for the player for the grace period. */
  public void detach(TableClient client) {
    if (spectators.remove(client.connectionId()) != null) {
      return;
    }
    SeatState seat = seatOf(client.player());
    if (seat == null || seat.client != client) {
      return;
    }
    seat.client = null;
    if (status == Status.WAITING) {
      vacate(seat, "left");
      return;
    }
    if (status == Status.OVER) {
      vacate(seat, "left");
      return;
    }
    Duration grace = context.properties().reconnectGrace();
    broadcast(
        event("player_disconnected")
            .put("seat", seat.index)
            .put("graceUntil", context.clock().millis() + grace.toMillis()));
    context.recorder().seatChanged(sessionId, record(seat));
    recordLiveState();
    seat.graceTimer = schedule(grace, () -> graceExpired(seat, client));
    if (game.turn() == seat.index) {
      scheduleTurn();
    }
  }

  private void graceExpired(SeatState seat, TableClient lostClient) {
    if (seat.client == null
        && seat.player != null
        && (status == Status.PLAYING || status == Status.WAITING)) {
      vacate(seat, "grace_expired");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Play

  public void chooseTrump(TableClient client, Suit suit, String replyTo) {
    playerMove(client, replyTo, seat -> new Move.ChooseTrump(seat, suit));
  }

  public void playCard(TableClient client, Card card, String replyTo) {
    playerMove(client, replyTo, seat -> new Move.PlayCard(seat, card));
  }

  private void playerMove(
      TableClient client, String replyTo, java.util.function.IntFunction<Move> moveFor) {
    long started = System.nanoTime();
    SeatState seat = seatOf(client.player());
    if (seat == null) {
      reject(client, ErrorCode.NOT_A_PLAYER, "Only a seated player can do that.", replyTo);
      return;
    }
    if (seat.client != client) {
      // A socket replaced by a newer one of the same player.
      reject(client, ErrorCode.NOT_AT_TABLE, "Another connection holds your seat.", replyTo);
      return;
    }
    if (game == null || status != Status.PLAYING) {
      reject(client, ErrorCode.WRONG_PHASE, "The game has not started or is over.", replyTo);
      return;
    }
    Move move = moveFor.apply(seat.index);
    Rejection rejection = game.check(move);
    if (rejection != null) {
      reject(client, ErrorCode.valueOf(rejection.name()), describe(rejection), replyTo);
      return;
    }
    applyMove(move, seat, false, replyTo);
    context.metrics().moveBroadcast(System.nanoTime() - started);
  }

  private void reject(TableClient client, ErrorCode code, String message, String replyTo) {
    context.metrics().moveRejected(code.name());
    deliver(client, Message.error(code, message, replyTo));
  }

  private static String describe(Rejection rejection) {
    return switch (rejection) {
      case WRONG_PHASE -> "That move is not possible now.";
      case NOT_YOUR_TURN -> "It is not your turn.";
      case NOT_HAKEM -> "Only the hakem chooses the trump.";
      case CARD_NOT_IN_HAND -> "You do not hold that card.";
      case MUST_FOLLOW_SUIT -> "You must follow the suit led.";
      case INVALID_SEAT -> "No such seat.";
      case INVALID_MOVE -> "That move is incomplete or out of range.";
    };
  }

  /** Applies an accepted-by-check move for a seat and broadcasts what happened. */
  private void applyMove(Move move, SeatState seat, boolean byBot, String replyTo) {
    int hand = game.handNumber();
    int trick = move instanceof Move.PlayCard ? game.trickNumber() : 0;
    List<GameEvent> events = new ArrayList<>(8);
    Rejection rejection = game.apply(move, events::add);
    if (rejection != null) {
      throw new IllegalStateException("checked move refused: " + rejection);
    }
    context.metrics().moveAccepted();
    record(move, seat, byBot, hand, trick, events);
    publish(events, byBot ? null : seat.client, replyTo);
    afterMove();
  }

  /** A move of the table itself (forfeit, abandon): no seat. */
  private void applyTableMove(Move move) {
    if (game == null || game.isOver()) {
      return;
    }
    List<GameEvent> events = new ArrayList<>(2);
    if (game.apply(move, events::add) != null) {
      return;
    }
    record(move, null, false, game.handNumber(), 0, events);
    publish(events);
    afterMove();
  }

  private void afterMove() {
    if (game.isOver()) {
      finishGame();
    } else {
      scheduleTurn();
    }
  }

  private void record(
      Move move, SeatState seat, boolean byBot, int hand, int trick, List<GameEvent> events) {
    RecordedMove recorded = moveRecord(move, seat, byBot, hand, trick, ++recordSequence);
    context.recorder().move(recorded);
    unsaved.add(recorded);
    boolean publicChange = false;
    for (GameEvent event : events) {
      if (event instanceof GameEvent.HandOver over) {
        context.recorder().handOver(sessionId, over, context.clock().instant());
      }
      publicChange |= event instanceof GameEvent.TrickWon || event instanceof GameEvent.TrumpChosen;
    }
    // A deal follows the move that ended a hand: recorded after it, in order.
    if (!game.isOver() && game.handNumber() != hand) {
      recordDeal();
    }
    // A card within a trick changes only the cards on the table: the state is recorded once per
    // trick (and the end of the game with the result).
    if (publicChange) {
      recordLiveState();
    }
  }

  /** Hands the journal the public state of the game in progress; it writes it later. */
  private void recordLiveState() {
    if (status == Status.PLAYING && game != null && !game.isOver()) {
      context.recorder().liveState(new LiveState(sessionId, game.scoresNow(), publicState()));
    }
  }

  private RecordedMove moveRecord(
      Move move, SeatState seat, boolean byBot, int hand, int trick, int sequence) {
    Map<String, Object> data = new LinkedHashMap<>();
    String type;
    if (move instanceof Move.PlayCard play) {
      type = "play_card";
      data.put("card", Wire.card(play.card()));
    } else if (move instanceof Move.ChooseTrump choose) {
      type = "choose_trump";
      data.put("suit", choose.suit().wireName());
    } else if (move instanceof Move.Forfeit forfeit) {
      type = "forfeit";
      data.put("team", forfeit.team());
    } else {
      type = "stop";
      data.put("reason", ((Move.Stop) move).reason().name().toLowerCase());
    }
    PlayerRef player = seat == null || byBot ? null : seat.player;
    boolean bot = seat != null && (byBot || seat.bot || seat.player == null);
    return new RecordedMove(
        sessionId,
        sequence,
        type,
        seat == null ? -1 : seat.index,
        player,
        bot,
        data,
        hand,
        trick,
        context.clock().instant());
  }

  private void recordDeal() {
    RecordedMove deal = dealRecord(game, ++recordSequence);
    context.recorder().move(deal);
    unsaved.add(deal);
  }

  private RecordedMove dealRecord(Game game, int sequence) {
    Map<String, Object> data = new LinkedHashMap<>();
    if (!game.dealtFromSecret()) {
      data.put("handSeed", game.handSeed(game.handNumber()));
    }
    data.put("hakem", game.hakem());
    List<Object> hands = new ArrayList<>();
    for (int s = 0; s < Seats.COUNT; s++) {
      hands.add(Wire.cards(game.fullDeal(s)));
    }
    data.put("hands", hands);
    if (game.handNumber() == 1) {
      GameEvent.HakemChosen ceremony = game.ceremony();
      Map<String, Object> first = new LinkedHashMap<>();
      first.put("hakem", ceremony.hakem());
      first.put("firstSeat", ceremony.firstSeat());
      first.put("dealt", Wire.cards(ceremony.dealt()));
      data.put("hakemChosen", first);
    }
    return new RecordedMove(
        sessionId,
        sequence,
        "deal",
        -1,
        null,
        false,
        data,
        game.handNumber(),
        0,
        context.clock().instant());
  }

  // ---------------------------------------------------------------------------------------------
  // Turns and timers

  private void scheduleTurn() {
    cancel(turnTimer);
    long token = ++turnToken;
    int turn = game.turn();
    SeatState seat = seats[turn];
    Instant now = context.clock().instant();
    turnDeadline = now.plusSeconds(options.turnSeconds());
    Duration wait;
    String why;
    if (seat.bot) {
      wait = context.properties().botMoveDelay();
      why = null;
    } else if (seat.client == null && (restoredUntil == null || now.isAfter(restoredUntil))) {
      wait = context.properties().absentMoveDelay();
      why = "absent";
    } else if (seat.client == null) {
      // Just restored after a restart: the player is probably reconnecting; a normal turn.
      wait = Duration.ofSeconds(options.turnSeconds());
      why = "timeout";
    } else {
      wait = Duration.ofSeconds(options.turnSeconds());
      why = "timeout";
    }
    turnTimer = schedule(wait, () -> botTurn(token, why));
    Message turnEvent =
        event("turn").put("seat", turn).put("deadline", turnDeadline.toEpochMilli());
    turnEvent.put("phase", wirePhase(game.phase()));
    for (SeatState s : seats) {
      if (s.client == null) {
        continue;
      }
      if (s.index == turn && game.phase() == Phase.PLAYING) {
        Message own = copy(turnEvent).put("legal", Wire.cards(game.legalCards(turn)));
        deliver(s.client, own);
      } else {
        deliver(s.client, turnEvent);
      }
    }
    for (TableClient spectator : spectators.values()) {
      deliver(spectator, turnEvent);
    }
  }

  private void botTurn(long token, String why) {
    if (token != turnToken || game == null || game.isOver() || status != Status.PLAYING) {
      return;
    }
    int turn = game.turn();
    // A hard bot searches off this thread; its move comes back through the mailbox.
    context
        .bots()
        .decide(
            options.botLevel(),
            botSeed(),
            game.viewFor(turn),
            move -> {
              if (options.botLevel() == BotLevel.HARD) {
                mailbox.execute(() -> botMoveReady(token, why, move));
              } else {
                botMoveReady(token, why, move);
              }
            });
  }

  /** A bot's decision for the turn of {@code token}, unless the turn has moved on meanwhile. */
  private void botMoveReady(long token, String why, Move decided) {
    if (token != turnToken || game == null || game.isOver() || status != Status.PLAYING) {
      return;
    }
    Move move = decided;
    if (move == null || game.check(move) != null) {
      move = context.bots().decideNow(BotLevel.NORMAL, game.viewFor(game.turn()));
    }
    if (why != null) {
      context.metrics().botTakeover(why);
    }
    applyMove(move, seats[game.turn()], true, null);
  }

  /** The search's seed for this session: its decisions are a function of it and the view. */
  private long botSeed() {
    return sessionId.getMostSignificantBits() ^ sessionId.getLeastSignificantBits();
  }

  private void fillWithBotsIfStillWaiting() {
    if (status == Status.WAITING && humans() > 0) {
      fillWithBots();
      startIfFull();
    }
  }

  private void fillWithBots() {
    for (SeatState seat : seats) {
      if (seat.isFree()) {
        seat.bot = true;
        broadcast(event("player_joined").put("seat", seat.index).put("player", seatInfo(seat)));
      }
    }
  }

  private void startIfFull() {
    for (SeatState seat : seats) {
      if (seat.isFree()) {
        return;
      }
    }
    if (status == Status.WAITING) {
      startGame();
    }
  }

  private void startGame() {
    cancel(waitTimer);
    if (quickMatch && gameNumber == 1) {
      balanceTeams();
    }
    status = Status.PLAYING;
    rematchVotes.clear();
    game = newGame();
    phase = game.phase();
    List<SeatRecord> records = new ArrayList<>();
    for (SeatState seat : seats) {
      records.add(record(seat));
    }
    context
        .recorder()
        .gameStarted(
            new StartedGame(sessionId, options.rules(), records, context.clock().instant()));
    recordDeal();
    recordLiveState();
    broadcast(
        event("game_started").put("gameNumber", gameNumber).put("gameId", sessionId.toString()));
    publish(game.openingEvents());
    scheduleTurn();
  }

  /**
   * Before a quick-match table's first game: the strongest and the weakest against the middle two
   * ({@link Matchmaking#balance}). Whoever changes seat, and everyone else, gets a fresh {@code
   * table_state} before {@code game_started}.
   */
  private void balanceTeams() {
    double[] strength = new double[Seats.COUNT];
    for (SeatState seat : seats) {
      if (seat.graceTimer != null) {
        // A restored seat waiting for its player: it stays where the player will look for it.
        return;
      }
      strength[seat.index] =
          seat.player == null
              ? botOrdinal
              : ordinals.getOrDefault(seat.player.id(), hokm.table.PlayerRatings.DEFAULT_ORDINAL);
    }
    int[] to = Matchmaking.balance(strength);
    boolean moved = false;
    PlayerRef[] players = new PlayerRef[Seats.COUNT];
    boolean[] bots = new boolean[Seats.COUNT];
    TableClient[] clients = new TableClient[Seats.COUNT];
    for (SeatState seat : seats) {
      players[seat.index] = seat.player;
      bots[seat.index] = seat.bot;
      clients[seat.index] = seat.client;
      moved |= to[seat.index] != seat.index;
    }
    if (!moved) {
      return;
    }
    for (int from = 0; from < Seats.COUNT; from++) {
      SeatState seat = seats[to[from]];
      seat.player = players[from];
      seat.bot = bots[from];
      seat.client = clients[from];
      if (seat.player != null) {
        context.store().playerSeat(seat.player.id(), id, seat.index);
      }
    }
    for (SeatState seat : seats) {
      if (seat.client != null) {
        sendState(seat.client, null);
      }
    }
    for (TableClient spectator : spectators.values()) {
      sendState(spectator, null);
    }
  }

  private void finishGame() {
    cancel(turnTimer);
    status = Status.OVER;
    phase = Phase.GAME_OVER;
    context.metrics().gameEnded(game.endReason());
    List<SeatRecord> records = new ArrayList<>();
    for (SeatState seat : seats) {
      records.add(record(seat));
    }
    context
        .recorder()
        .gameEnded(
            new EndedGame(
                sessionId,
                true,
                game.winnerTeam(),
                game.scoresNow(),
                game.endReason(),
                publicState(),
                records,
                context.clock().instant()));
    if (humans() == 0) {
      close(null);
      return;
    }
    waitTimer = schedule(context.properties().rematchWindow(), () -> close(null));
  }

  // ---------------------------------------------------------------------------------------------
  // Rematch and closing

  public void rematch(TableClient client, String replyTo) {
    SeatState seat = seatOf(client.player());
    if (seat == null) {
      deliver(
          client,
          Message.error(ErrorCode.NOT_A_PLAYER, "Only a seated player can do that.", replyTo));
      return;
    }
    if (status != Status.OVER) {
      deliver(
          client,
          Message.error(ErrorCode.NO_REMATCH, "A rematch is offered after the game.", replyTo));
      return;
    }
    rematchVotes.add(seat.index);
    Message requested = event("rematch_requested").put("seat", seat.index);
    broadcastExcept(client, requested);
    deliver(client, replyTo == null ? requested : copy(requested).put("replyTo", replyTo));
    maybeStartRematch();
  }

  private void maybeStartRematch() {
    for (SeatState seat : seats) {
      if (seat.isHuman() && !rematchVotes.contains(seat.index)) {
        return;
      }
    }
    if (status != Status.OVER) {
      return;
    }
    cancel(waitTimer);
    for (SeatState seat : seats) {
      if (seat.player != null) {
        recordGone(seat);
      }
    }
    newSession();
    status = Status.WAITING;
    startIfFull();
  }

  /** Closes the table: a waiting table ends its session as abandoned; everyone is released. */
  public void close(EndReason waitingEnd) {
    if (status == Status.CLOSED) {
      return;
    }
    cancel(turnTimer);
    cancel(waitTimer);
    if (status == Status.PLAYING && game != null && !game.isOver()) {
      applyTableMove(new Move.Stop(EndReason.ABORTED));
    } else if (status == Status.WAITING) {
      context
          .recorder()
          .gameEnded(
              new EndedGame(
                  sessionId,
                  false,
                  0,
                  hokm.engine.TeamCounts.ZERO,
                  waitingEnd == null ? EndReason.ABANDONED : waitingEnd,
                  Map.of(),
                  List.of(),
                  context.clock().instant()));
    }
    boolean played = status == Status.OVER;
    status = Status.CLOSED;
    broadcast(event("table_closed"));
    for (SeatState seat : seats) {
      cancel(seat.graceTimer);
      if (seat.player != null) {
        if (played) {
          recordGone(seat);
        }
        PlayerRef player = seat.player;
        seat.player = null;
        seat.client = null;
        context.host().released(player, this);
        context.store().playerSeat(player.id(), null, -1);
      }
    }
    spectators.clear();
    context.store().closed(id);
    context.host().closed(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  public void sync(TableClient client, String replyTo) {
    if (seatOf(client.player()) == null && !spectators.containsKey(client.connectionId())) {
      deliver(client, Message.error(ErrorCode.NOT_AT_TABLE, "You are not at this table.", replyTo));
      return;
    }
    sendState(client, replyTo);
  }

  private void sendState(TableClient client, String replyTo) {
    SeatState seat = seatOf(client.player());
    if (seat != null && seat.client != client) {
      seat = null;
    }
    Message state = reply("table_state", replyTo).put("tableId", id.toString()).put("seq", seq);
    if (seat != null && code != null) {
      // Only a seated player of a private table is told its code (docs/protocol.md).
      state.put("code", code);
    }
    state.put("you", seat == null ? null : Map.of("seat", seat.index));
    state.put("status", status.name().toLowerCase());
    state.put(
        "phase", game == null || status == Status.WAITING ? "waiting" : wirePhase(game.phase()));
    List<Object> seatList = new ArrayList<>();
    for (SeatState s : seats) {
      seatList.add(seatInfo(s));
    }
    state.put("seats", seatList);
    state.put("targetPoints", options.targetPoints());
    state.put("kot", options.kot());
    state.put("turnSeconds", options.turnSeconds());
    state.put("botLevel", options.botLevel().wireName());
    state.put("private", isPrivate());
    if (game != null && status != Status.WAITING) {
      PublicView view = game.publicView();
      state.put("gameId", sessionId.toString());
      state.put("handNumber", view.hand());
      state.put("hakem", view.hakem());
      state.put("trump", view.trump() == null ? null : view.trump().wireName());
      state.put("table", Wire.played(view.table()));
      state.put("tricks", Wire.teams(view.trickCounts()));
      state.put("scores", Wire.teams(view.scores()));
      state.put(
          "turn",
          view.turn() < 0
              ? null
              : Map.of("seat", view.turn(), "deadline", turnDeadline.toEpochMilli()));
      if (seat != null) {
        hokm.engine.SeatView own = game.viewFor(seat.index);
        state.put("cards", Wire.cards(own.hand()));
        state.put("legal", Wire.cards(own.legal()));
      }
      if (game.isOver()) {
        state.put("winnerTeam", game.winnerTeam());
        state.put("endReason", game.endReason().name().toLowerCase());
      }
    }
    deliver(client, state);
  }

  /**
   * What the list of games to watch shows of this table: public facts only. Null unless it is a
   * public table with a game on. Mailbox thread only.
   */
  public LiveTable liveSummary() {
    if (isPrivate() || status != Status.PLAYING || game == null) {
      return null;
    }
    PublicView view = game.publicView();
    List<LiveTable.Seat> seatList = new ArrayList<>(Seats.COUNT);
    for (SeatState seat : seats) {
      seatList.add(
          new LiveTable.Seat(
              seat.index,
              Seats.teamOf(seat.index),
              seat.player != null ? seat.player.username() : null,
              seat.bot));
    }
    return new LiveTable(
        id,
        view.hand(),
        options.targetPoints(),
        new LiveTable.Scores(view.scores().team1(), view.scores().team2()),
        seatList,
        spectators.size());
  }

  /**
   * The game as anyone at the table sees it (no hand, not even the cards on the table), for the
   * journal: while it is played, and at its end with the result.
   */
  private Map<String, Object> publicState() {
    PublicView view = game.publicView();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("tableId", id.toString());
    state.put("phase", wirePhase(view.phase()));
    state.put("handNumber", view.hand());
    state.put("hakem", view.hakem());
    state.put("trump", view.trump() == null ? null : view.trump().wireName());
    state.put("tricks", Wire.teams(view.trickCounts()));
    state.put("scores", Wire.teams(view.scores()));
    state.put("turn", view.turn() < 0 ? null : view.turn());
    List<Object> seatList = new ArrayList<>(Seats.COUNT);
    for (SeatState seat : seats) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("seat", seat.index);
      info.put("team", Seats.teamOf(seat.index));
      info.put("username", seat.player != null ? seat.player.username() : null);
      info.put("bot", seat.bot);
      info.put("connected", seat.client != null);
      seatList.add(info);
    }
    state.put("seats", seatList);
    state.put("moves", game.moves().size());
    if (game.isOver()) {
      state.put("winnerTeam", game.winnerTeam());
      state.put("endReason", game.endReason().name().toLowerCase());
    }
    return state;
  }

  private Map<String, Object> seatInfo(SeatState seat) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("seat", seat.index);
    info.put("team", Seats.teamOf(seat.index));
    info.put("username", seat.player != null ? seat.player.username() : seat.bot ? "Bot" : null);
    info.put("bot", seat.bot);
    info.put("connected", seat.bot || seat.client != null);
    info.put("empty", seat.isFree());
    return info;
  }

  /**
   * After its game, the player is no longer at it: their socket closed, they left, or the table
   * moved on to a rematch or closed. The seat stays theirs in the record.
   */
  private void recordGone(SeatState seat) {
    context.recorder().seatChanged(sessionId, new SeatRecord(seat.index, seat.player, null, false));
  }

  private SeatRecord record(SeatState seat) {
    return new SeatRecord(
        seat.index,
        seat.player,
        seat.bot ? options.botLevel().botKind() : null,
        seat.bot || seat.client != null);
  }

  // ---------------------------------------------------------------------------------------------
  // Broadcasting

  /** Turns engine events into frames: public ones to all, a deal to each seat its own hand. */
  private void publish(List<GameEvent> events) {
    publish(events, null, null);
  }

  /**
   * Publishes events; the mover's copy of the first one (the move itself) answers its request with
   * {@code replyTo}.
   */
  private void publish(List<GameEvent> events, TableClient mover, String replyTo) {
    for (int i = 0; i < events.size(); i++) {
      GameEvent event = events.get(i);
      if (event instanceof GameEvent.CardsDealt) {
        // The four private deals of one round are one table event: each seat sees its own hand,
        // spectators see only how many cards were dealt.
        Message common = event("cards_dealt");
        int count = ((GameEvent.CardsDealt) event).cards().size();
        common.put("count", count);
        while (i < events.size() && events.get(i) instanceof GameEvent.CardsDealt dealt) {
          SeatState seat = seats[dealt.seat()];
          if (seat.client != null) {
            deliver(
                seat.client,
                copy(common)
                    .put("cards", Wire.cards(dealt.cards()))
                    .put("hand", Wire.cards(dealt.hand())));
          }
          i++;
        }
        i--;
        for (TableClient spectator : spectators.values()) {
          deliver(spectator, common);
        }
        continue;
      }
      Message message = toMessage(event);
      if (i == 0 && mover != null && replyTo != null) {
        broadcastExcept(mover, message);
        deliver(mover, copy(message).put("replyTo", replyTo));
      } else {
        broadcast(message);
      }
    }
  }

  private Message toMessage(GameEvent event) {
    if (event instanceof GameEvent.CardPlayed played) {
      return event("card_played").put("seat", played.seat()).put("card", Wire.card(played.card()));
    }
    if (event instanceof GameEvent.TrickWon won) {
      return event("trick_won")
          .put("seat", won.seat())
          .put("team", won.team())
          .put("tricks", Wire.teams(won.tricks()));
    }
    if (event instanceof GameEvent.TrumpChosen chosen) {
      phase = Phase.PLAYING;
      return event("trump_chosen")
          .put("hakem", chosen.hakem())
          .put("trump", chosen.trump().wireName());
    }
    if (event instanceof GameEvent.HandStarted started) {
      phase = Phase.CHOOSING_TRUMP;
      return event("hand_started").put("handNumber", started.hand()).put("hakem", started.hakem());
    }
    if (event instanceof GameEvent.HandOver over) {
      return event("hand_over")
          .put("handNumber", over.hand())
          .put("winnerTeam", over.winnerTeam())
          .put("points", over.points())
          .put("kot", over.kot())
          .put("hakemKot", over.hakemKot())
          .put("tricks", Wire.teams(over.tricks()))
          .put("scores", Wire.teams(over.scores()))
          .put("nextHakem", over.nextHakem());
    }
    if (event instanceof GameEvent.HakemChosen chosen) {
      return event("hakem_chosen")
          .put("hakem", chosen.hakem())
          .put("firstSeat", chosen.firstSeat())
          .put("dealt", Wire.cards(chosen.dealt()));
    }
    GameEvent.GameOver over = (GameEvent.GameOver) event;
    phase = Phase.GAME_OVER;
    return event("game_over")
        .put("gameId", sessionId.toString())
        .put("winnerTeam", over.winnerTeam())
        .put("scores", Wire.teams(over.scores()))
        .put("reason", over.reason().name().toLowerCase());
  }

  /** A table event: the next seq, and the table's id. */
  private Message event(String type) {
    return Message.of(type).put("tableId", id.toString()).put("seq", ++seq);
  }

  private static Message reply(String type, String replyTo) {
    Message message = Message.of(type);
    if (replyTo != null) {
      message.put("replyTo", replyTo);
    }
    return message;
  }

  private static Message copy(Message message) {
    Message copy = Message.of(message.type());
    message.fields().forEach(copy::put);
    return copy;
  }

  private void broadcast(Message message) {
    broadcastExcept(null, message);
  }

  /**
   * Sends a frame, or holds it while a move is being made durable: frames of a move leave only
   * after the move is in the table store.
   */
  private void deliver(TableClient client, Message message) {
    if (holding || !inFlight.isDone()) {
      held.add(client);
      held.add(message);
      if (!holding) {
        release(TableStore.DONE);
      }
    } else {
      client.send(message);
    }
  }

  /**
   * Runs one mailbox task. Its frames are held until what it changed is in the table store, so a
   * restart never loses a move a player has seen. The store's write does not block the mailbox: the
   * frames leave when it completes, after the frames of every earlier task of this table.
   */
  private void runTask(Runnable task) {
    holding = true;
    try {
      task.run();
    } finally {
      holding = false;
      release(persist());
    }
  }

  /** Sends the held frames once {@code written} and every earlier task's write are done. */
  private void release(CompletableFuture<Void> written) {
    if (held.isEmpty() && written.isDone()) {
      return;
    }
    if (written.isDone() && inFlight.isDone()) {
      sendAll(held.toArray());
      held.clear();
      return;
    }
    Object[] frames = held.toArray();
    held.clear();
    inFlight = inFlight.thenCombine(written, (a, b) -> null).thenRun(() -> sendAll(frames));
  }

  private static void sendAll(Object[] frames) {
    for (int i = 0; i < frames.length; i += 2) {
      try {
        ((TableClient) frames[i]).send((Message) frames[i + 1]);
      } catch (RuntimeException e) {
        log.warn("could not send a frame: {}", e.toString());
      }
    }
  }

  private CompletableFuture<Void> persist() {
    if (status == Status.CLOSED) {
      unsaved.clear();
      return TableStore.DONE;
    }
    CompletableFuture<Void> written = TableStore.DONE;
    if (!unsaved.isEmpty()) {
      written = context.store().append(describe(List.of()), List.copyOf(unsaved));
      unsaved.clear();
      savedSeq = seq;
      dirty = false;
    } else if (dirty || seq != savedSeq) {
      written = context.store().save(describe(List.of()));
      savedSeq = seq;
      dirty = false;
    }
    return written;
  }

  /** What the table store keeps of this table; {@code moves} as given. */
  private TableSnapshot describe(List<RecordedMove> moves) {
    List<TableSnapshot.Seat> seatList = new ArrayList<>(Seats.COUNT);
    for (SeatState seat : seats) {
      seatList.add(new TableSnapshot.Seat(seat.player, seat.bot));
    }
    return new TableSnapshot(
        id,
        code,
        options,
        quickMatch,
        status.name().toLowerCase(),
        sessionId,
        gameNumber,
        seed,
        dealSecret,
        seq,
        recordSequence,
        seatList,
        moves);
  }

  /**
   * The whole table with its record rebuilt from the game (after the store was unavailable).
   * Mailbox thread only.
   */
  public TableSnapshot fullSnapshot() {
    List<RecordedMove> records = new ArrayList<>();
    if (game != null) {
      Game scratch = newGame();
      int sequence = 0;
      records.add(dealRecord(scratch, ++sequence));
      for (Move move : game.moves()) {
        int hand = scratch.handNumber();
        int trick = move instanceof Move.PlayCard ? scratch.trickNumber() : 0;
        scratch.apply(move, hokm.engine.EventSink.NONE);
        SeatState seat = seatOfMove(move);
        records.add(moveRecord(move, seat, seat != null && seat.bot, hand, trick, ++sequence));
        if (!scratch.isOver() && scratch.handNumber() != hand) {
          records.add(dealRecord(scratch, ++sequence));
        }
      }
    }
    return describe(records);
  }

  /**
   * This session's game at its start, dealt from its secret (or its seed, restored from before).
   */
  private Game newGame() {
    return dealSecret != null
        ? Game.start(dealSecret, options.rules())
        : Game.start(seed, options.rules());
  }

  private SeatState seatOfMove(Move move) {
    if (move instanceof Move.PlayCard play) {
      return seats[play.seat()];
    }
    if (move instanceof Move.ChooseTrump choose) {
      return seats[choose.seat()];
    }
    return null;
  }

  private void broadcastExcept(TableClient except, Message message) {
    for (SeatState seat : seats) {
      if (seat.client != null && seat.client != except) {
        deliver(seat.client, message);
      }
    }
    for (TableClient spectator : spectators.values()) {
      if (spectator != except) {
        deliver(spectator, message);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private SeatState seatOf(PlayerRef player) {
    if (player == null) {
      return null;
    }
    for (SeatState seat : seats) {
      if (seat.player != null && seat.player.id().equals(player.id())) {
        return seat;
      }
    }
    return null;
  }

  /** Whether the player holds a seat here. Mailbox thread only. */
  public boolean isSeated(PlayerRef player) {
    return seatOf(player) != null;
  }

  private int humans() {
    int count = 0;
    for (SeatState seat : seats) {
      if (seat.isHuman()) {
        count++;
      }
    }
    return count;
  }

  private static String wirePhase(Phase phase) {
    return phase.name().toLowerCase();
  }

  private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    return context
        .timers()
        .schedule(() -> mailbox.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
