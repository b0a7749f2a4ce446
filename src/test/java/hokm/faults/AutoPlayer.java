package hokm.faults;

import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A player on its own thread: answers its turns after a short think, and when its socket drops (the
 * server restarting) connects again with the same token until the server answers. Records every
 * move it sees, in order.
 */
final class AutoPlayer implements AutoCloseable {
  final String token;
  final List<String> seenMoves = Collections.synchronizedList(new ArrayList<>());
  final AtomicLong lastFrameAt = new AtomicLong(System.nanoTime());
  volatile int seat = -1;
  volatile String tableId;
  volatile JsonNode gameOver;
  volatile long reconnects;
  volatile String failure;

  private final int port;
  private final Duration think;
  private final Random random;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile WsClient client;

  AutoPlayer(int port, String token, Duration think, long seed) {
    this.port = port;
    this.token = token;
    this.think = think;
    this.random = new Random(seed);
    this.client = WsClient.login(port, token);
    this.thread = new Thread(this::run, "auto-player");
    thread.setDaemon(true);
  }

  WsClient client() {
    return client;
  }

  void start() {
    thread.start();
  }

  boolean finished() {
    return gameOver != null;
  }

  private void run() {
    while (running && gameOver == null) {
      WsClient current = client;
      if (current.isClosed()) {
        reconnect();
        continue;
      }
      JsonNode frame = current.poll(Duration.ofMillis(50));
      if (frame == null) {
        continue;
      }
      lastFrameAt.set(System.nanoTime());
      try {
        handle(current, frame);
      } catch (RuntimeException e) {
        // The socket closed under us (the server stopping): the loop reconnects.
      }
    }
  }

  private void handle(WsClient current, JsonNode frame) {
    switch (frame.path("type").asString()) {
      case "table_state" -> {
        seat = frame.path("you").path("seat").asInt(seat);
        tableId = frame.path("tableId").asString(tableId);
        JsonNode turn = frame.path("turn");
        if (turn.path("seat").asInt(-1) == seat
            && frame.path("phase").asString().equals("playing")) {
          // Back after a reconnect on our own turn: play from the state we were given.
          sleep(think);
          JsonNode legal = frame.path("legal");
          if (legal.size() > 0) {
            JsonNode card = legal.get(random.nextInt(legal.size()));
            current.send(
                Map.of(
                    "type",
                    "play_card",
                    "card",
                    Map.of(
                        "suit",
                        card.path("suit").asString(),
                        "rank",
                        card.path("rank").asString())));
          }
        } else if (turn.path("seat").asInt(-1) == seat) {
          sleep(think);
          current.send(Map.of("type", "choose_trump", "suit", "hearts"));
        }
      }
      case "turn" -> {
        if (frame.path("seat").asInt() == seat) {
          sleep(think);
          TestFrames.decide(current, frame, random);
        }
      }
      case "trump_chosen" ->
          seenMoves.add(
              "trump " + frame.path("hakem").asInt() + " " + frame.path("trump").asString());
      case "card_played" ->
          seenMoves.add(
              "card "
                  + frame.path("seat").asInt()
                  + " "
                  + frame.path("card").path("rank").asString()
                  + frame.path("card").path("suit").asString());
      case "game_over" -> gameOver = frame;
      case "error" -> {
        String code = frame.path("code").asString();
        // A decision that crossed a bot's move or a restart is refused: the next turn comes.
        if (!code.equals("NOT_YOUR_TURN")
            && !code.equals("WRONG_PHASE")
            && !code.equals("CARD_NOT_IN_HAND")
            && !code.equals("NOT_HAKEM")) {
          failure = frame.toString();
        }
      }
      default -> {}
    }
  }

  private void reconnect() {
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    long backoff = 200;
    while (running && System.nanoTime() < deadline) {
      try {
        client = WsClient.login(port, token);
        reconnects++;
        return;
      } catch (RuntimeException | AssertionError e) {
        // Back off as a real client would, up to a few seconds between tries.
        sleep(Duration.ofMillis(backoff));
        backoff = Math.min(backoff * 2, 3000);
      }
    }
    failure = "could not reconnect";
    running = false;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
