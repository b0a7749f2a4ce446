package hokm.loadgen;

import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The clients: a game player on /ws, and the echo player on /bench/echo. */
final class Players {
  private Players() {}

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] SUITS = {"spades", "hearts", "diamonds", "clubs"};

  /** What all players of a run share. */
  static final class Run {
    final Stats stats;
    final Options.Think think;
    final int targetPoints;
    final int turnSeconds;

    /** The bots' level of tables of one human and three bots, or null for tables of four humans. */
    final String botLevel;

    /** New moves are sent while this is true. */
    volatile boolean sending = true;

    /** Rematches are asked for while this is true. */
    volatile boolean rematch = true;

    /** Closes from now on are ours, not drops. */
    volatile boolean closing;

    Run(Stats stats, Options.Think think, int targetPoints, int turnSeconds, String botLevel) {
      this.stats = stats;
      this.think = think;
      this.targetPoints = targetPoints;
      this.turnSeconds = turnSeconds;
      this.botLevel = botLevel;
    }

    /** Humans per table: four, or one with bots in the other seats. */
    int humans() {
      return botLevel == null ? 4 : 1;
    }
  }

  /** The type of a frame the server wrote (its first field). */
  static String type(String text) {
    if (!text.startsWith("{\"type\":\"")) {
      return JSON.readTree(text).path("type").asString("");
    }
    int end = text.indexOf('"', 9);
    return end < 0 ? "" : text.substring(9, end);
  }

  /**
   * The players of one table: the first creates a private table, the others join by code; with
   * {@code --bots} the first is alone with three bots.
   */
  static final class Table {
    final int number;
    final GamePlayer[] players = new GamePlayer[4];
    private int welcomed;
    private int seated;
    volatile boolean formed;

    Table(int number) {
      this.number = number;
    }

    synchronized void welcomed(Run run) {
      if (++welcomed == run.humans()) {
        players[0].send(
            "{\"type\":\"create_table\",\"id\":\"c\",\"private\":true,\"targetPoints\":"
                + run.targetPoints
                + ",\"kot\":true,\"turnSeconds\":"
                + run.turnSeconds
                + (run.botLevel == null
                    ? ",\"fillWithBots\":false}"
                    : ",\"fillWithBots\":true,\"botLevel\":\"" + run.botLevel + "\"}"));
      }
    }

    synchronized void seated(GamePlayer player, String code) {
      if (player.index == 0) {
        for (int i = 1; i < player.run.humans(); i++) {
          players[i].send("{\"type\":\"join_table\",\"id\":\"j\",\"code\":\"" + code + "\"}");
        }
      }
      if (++seated == players[0].run.humans()) {
        formed = true;
      }
    }
  }

  /** One human at a table: answers its turns with a random legal card after its think time. */
  static final class GamePlayer implements Ws.Listener {
    final Run run;
    final Table table;
    final int index;
    final String token;
    final Random random;
    volatile Ws ws;
    private int seat = -1;
    private String tableId;
    private String session;
    private String pendingId;
    private long pendingSentAt;
    private int nextId;
    private long gameStartedAt;
    private long helloSentAt;
    private boolean counted;
    private boolean playing;

    GamePlayer(Run run, Table table, int index, String token, long seed) {
      this.run = run;
      this.table = table;
      this.index = index;
      this.token = token;
      this.random = new Random(seed);
    }

    void send(String text) {
      run.stats.framesOut.increment();
      ws.send(text);
    }

    @Override
    public void onOpen(Ws ws) {
      this.ws = ws;
      counted = true;
      run.stats.openSockets.incrementAndGet();
      Stats.record(run.stats.connect, (ws.connectedAt - ws.connectStarted) / 1000);
      helloSentAt = System.nanoTime();
      send("{\"type\":\"hello\",\"id\":\"h\",\"token\":\"" + token + "\"}");
    }

    @Override
    public void onText(Ws ws, String text) {
      Stats stats = run.stats;
      stats.framesIn.increment();
      String type = type(text);
      switch (type) {
        case "card_played", "trump_chosen" -> {
          if (pendingId != null && text.contains("\"replyTo\"")) {
            JsonNode frame = JSON.readTree(text);
            if (pendingId.equals(frame.path("replyTo").asString(null))) {
              stats.accepted(session, (System.nanoTime() - pendingSentAt) / 1000);
              pendingId = null;
              stats.inFlight.decrementAndGet();
            }
          }
        }
        case "turn" -> {
          JsonNode frame = JSON.readTree(text);
          if (frame.path("seat").asInt(-1) == seat) {
            onTurn(frame);
          }
        }
        case "welcome" -> {
          Stats.record(stats.welcome, (System.nanoTime() - helloSentAt) / 1000);
          table.welcomed(run);
        }
        case "table_state" -> {
          JsonNode frame = JSON.readTree(text);
          String replyTo = frame.path("replyTo").asString("");
          if (replyTo.equals("c") || replyTo.equals("j")) {
            seat = frame.path("you").path("seat").asInt(-1);
            tableId = frame.path("tableId").asString(null);
            table.seated(this, frame.path("code").asString(""));
          }
        }
        case "game_started" -> {
          JsonNode frame = JSON.readTree(text);
          session = tableId + "#" + frame.path("gameNumber").asInt();
          gameStartedAt = System.nanoTime();
          if (index == 0 && !playing) {
            playing = true;
            stats.tablesPlaying.incrementAndGet();
          }
        }
        case "game_over" -> {
          if (index == 0) {
            stats.games.increment();
            stats.game.recordValue(
                Math.min(24L * 3600 * 1000, (System.nanoTime() - gameStartedAt) / 1_000_000));
            if (playing) {
              playing = false;
              stats.tablesPlaying.decrementAndGet();
            }
          }
          if (run.rematch) {
            send("{\"type\":\"rematch\",\"id\":\"r\"}");
          }
        }
        case "error" -> {
          JsonNode frame = JSON.readTree(text);
          stats.error(frame.path("code").asString("?"));
          if (pendingId != null && pendingId.equals(frame.path("replyTo").asString(null))) {
            pendingId = null;
            stats.rejectedMoves.increment();
            stats.inFlight.decrementAndGet();
          }
        }
        default -> {}
      }
    }

    private void onTurn(JsonNode frame) {
      if (!run.sending) {
        return;
      }
      String id = "m" + (++nextId);
      String move;
      if ("choosing_trump".equals(frame.path("phase").asString())) {
        move =
            "{\"type\":\"choose_trump\",\"id\":\""
                + id
                + "\",\"suit\":\""
                + SUITS[random.nextInt(4)]
                + "\"}";
      } else {
        JsonNode legal = frame.path("legal");
        if (legal.size() == 0) {
          return;
        }
        JsonNode card = legal.get(random.nextInt(legal.size()));
        move =
            "{\"type\":\"play_card\",\"id\":\""
                + id
                + "\",\"card\":{\"suit\":\""
                + card.path("suit").asString()
                + "\",\"rank\":\""
                + card.path("rank").asString()
                + "\"}}";
      }
      long think = run.think.nextNanos(random);
      if (think <= 0) {
        sendMove(id, move);
      } else {
        ws.schedule(() -> sendMove(id, move), think);
      }
    }

    private void sendMove(String id, String move) {
      if (!run.sending || !ws.isOpen() || pendingId != null) {
        return;
      }
      pendingId = id;
      run.stats.inFlight.incrementAndGet();
      pendingSentAt = System.nanoTime();
      send(move);
    }

    void leave() {
      if (ws.isOpen()) {
        send("{\"type\":\"leave_table\",\"id\":\"l\"}");
      }
    }

    @Override
    public void onClose(Ws ws, int code, Throwable cause) {
      Stats stats = run.stats;
      if (counted) {
        stats.openSockets.decrementAndGet();
      } else {
        stats.connectFailures.increment();
      }
      if (pendingId != null) {
        pendingId = null;
        stats.inFlight.decrementAndGet();
      }
      if (!run.closing) {
        stats.dropped.increment();
        stats.closed(code);
        if (index == 0 && playing) {
          playing = false;
          stats.tablesPlaying.decrementAndGet();
        }
        if (stats.dropped.sum() <= 5) {
          System.err.println(
              "socket of table "
                  + table.number
                  + " seat "
                  + seat
                  + " closed: "
                  + code
                  + (cause == null ? "" : " " + cause));
        }
      }
    }
  }

  /**
   * The transport baseline: four sockets of a group on /bench/echo take turns like seats; each
   * frame is fanned out by the server to the group, and the mover times its own copy.
   */
  static final class EchoPlayer implements Ws.Listener {
    final Run run;
    final EchoGroup group;
    final int seat;
    final Random random;
    volatile Ws ws;
    private String pendingId;
    private long pendingSentAt;
    private int nextId;
    private boolean counted;

    EchoPlayer(Run run, EchoGroup group, int seat, long seed) {
      this.run = run;
      this.group = group;
      this.seat = seat;
      this.random = new Random(seed);
    }

    @Override
    public void onOpen(Ws ws) {
      this.ws = ws;
      counted = true;
      run.stats.openSockets.incrementAndGet();
      Stats.record(run.stats.connect, (ws.connectedAt - ws.connectStarted) / 1000);
      group.opened();
    }

    void play() {
      if (!run.sending || !ws.isOpen() || pendingId != null) {
        return;
      }
      String id = "e" + seat + "-" + (++nextId);
      pendingId = id;
      run.stats.inFlight.incrementAndGet();
      pendingSentAt = System.nanoTime();
      run.stats.framesOut.increment();
      ws.send(
          "{\"type\":\"play_card\",\"id\":\""
              + id
              + "\",\"seat\":"
              + seat
              + ",\"card\":{\"suit\":\"hearts\",\"rank\":\"10\"}}");
    }

    @Override
    public void onText(Ws ws, String text) {
      run.stats.framesIn.increment();
      int at = text.indexOf("\"seat\":");
      if (at < 0) {
        return;
      }
      int from = text.charAt(at + 7) - '0';
      if (from == seat && pendingId != null) {
        int idAt = text.indexOf("\"id\":\"");
        int idEnd = text.indexOf('"', idAt + 6);
        if (idAt >= 0 && text.substring(idAt + 6, idEnd).equals(pendingId)) {
          run.stats.accepted(null, (System.nanoTime() - pendingSentAt) / 1000);
          pendingId = null;
          run.stats.inFlight.decrementAndGet();
        }
      }
      if ((from + 1) % 4 == seat && run.sending) {
        long think = run.think.nextNanos(random);
        if (think <= 0) {
          play();
        } else {
          ws.schedule(this::play, think);
        }
      }
    }

    @Override
    public void onClose(Ws ws, int code, Throwable cause) {
      if (counted) {
        run.stats.openSockets.decrementAndGet();
      } else {
        run.stats.connectFailures.increment();
      }
      if (pendingId != null) {
        pendingId = null;
        run.stats.inFlight.decrementAndGet();
      }
      if (!run.closing) {
        run.stats.dropped.increment();
        run.stats.closed(code);
        if (run.stats.dropped.sum() <= 5) {
          System.err.println(
              "echo socket of seat "
                  + seat
                  + " closed: "
                  + code
                  + (cause == null ? "" : " " + cause));
        }
      }
    }
  }

  static final class EchoGroup {
    final EchoPlayer[] players = new EchoPlayer[4];
    private int open;
    volatile boolean formed;

    synchronized void opened() {
      if (++open == 4) {
        formed = true;
        players[0].ws.schedule(players[0]::play, 0);
      }
    }
  }
}
