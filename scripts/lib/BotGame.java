import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays against a running server so that games exist in its database and its game metrics have
 * values: a guest opens a table (target 1 point, bots in the other seats), sends a move that is
 * rejected and leaves mid-game (a bot takes the seat); then opens a second table and plays its seat
 * (trump hearts, always the first legal card) until the game is over. Prints that table's id and
 * exits 0 when {@code game_over} arrived.
 *
 * <p>Run with the JDK's source launcher: {@code java scripts/lib/BotGame.java
 * http://127.0.0.1:8080 [timeoutSeconds]}.
 */
public final class BotGame {
  public static void main(String[] args) throws Exception {
    String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    long timeout = args.length > 1 ? Long.parseLong(args[1]) : 120;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> guest =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/guest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (guest.statusCode() != 201) {
      fail("POST /api/auth/guest answered " + guest.statusCode() + ": " + guest.body());
    }
    String token = field(guest.body(), "accessToken");

    LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              inbox.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            inbox.add("{\"type\":\"__closed\",\"status\":" + status + "}");
            return CompletableFuture.completedFuture(null);
          }
        };
    String wsUrl = base.replaceFirst("^http", "ws") + "/ws";
    WebSocket ws =
        http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), listener).get(10, TimeUnit.SECONDS);
    send(ws, "{\"type\":\"hello\",\"id\":\"1\",\"token\":\"" + token + "\"}");
    expect(inbox, "welcome", 10);
    // First table: a rejected move, then leaving mid-game (a bot takeover; the table is abandoned).
    String create =
        "{\"type\":\"create_table\",\"id\":\"2\",\"targetPoints\":1,\"turnSeconds\":5,"
            + "\"fillWithBots\":true}";
    send(ws, create);
    expect(inbox, "table_state", 10);
    expect(inbox, "game_started", 10);
    send(ws, "{\"type\":\"play_card\",\"id\":\"3\",\"card\":{\"suit\":\"spades\",\"rank\":\"2\"}}");
    send(ws, "{\"type\":\"leave_table\",\"id\":\"4\"}");
    expect(inbox, "left", 10);

    // Second table: play our seat to the end (trump hearts, then the first legal card).
    send(ws, create.replace("\"id\":\"2\"", "\"id\":\"5\""));
    String state = expect(inbox, "table_state", 10);
    String tableId = field(state, "tableId");
    Matcher seatMatch = Pattern.compile("\"you\":\\{\"seat\":(\\d)").matcher(state);
    if (!seatMatch.find()) {
      fail("no seat in " + state);
    }
    String seat = seatMatch.group(1);
    Pattern legal = Pattern.compile("\"legal\":\\[(\\{[^}]*\\})");
    int id = 10;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    while (System.nanoTime() < deadline) {
      String m = inbox.poll(1, TimeUnit.SECONDS);
      if (m == null) {
        continue;
      }
      String type = field(m, "type");
      if ("game_over".equals(type)) {
        System.out.println(tableId);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        return;
      }
      if ("turn".equals(type) && m.matches("(?s).*\"seat\":" + seat + "[,}].*")) {
        if (m.contains("\"phase\":\"choosing_trump\"")) {
          send(ws, "{\"type\":\"choose_trump\",\"id\":\"" + id++ + "\",\"suit\":\"hearts\"}");
        } else {
          Matcher card = legal.matcher(m);
          if (card.find()) {
            send(ws, "{\"type\":\"play_card\",\"id\":\"" + id++ + "\",\"card\":" + card.group(1) + "}");
          }
        }
      }
      if ("__closed".equals(type)) {
        fail("the server closed the socket: " + m);
      }
    }
    fail("no game_over within " + timeout + " s on table " + tableId);
  }

  private static void send(WebSocket ws, String text) throws Exception {
    ws.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  private static String expect(LinkedBlockingQueue<String> inbox, String type, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String m = inbox.poll(200, TimeUnit.MILLISECONDS);
      if (m == null) {
        continue;
      }
      String t = field(m, "type");
      if (type.equals(t)) {
        return m;
      }
      if ("error".equals(t) && m.contains("\"replyTo\"") && !m.contains("\"replyTo\":\"3\"")) {
        fail("waiting for " + type + ", got " + m);
      }
    }
    fail("no " + type + " within " + seconds + " s");
    return null;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static void fail(String why) {
    System.err.println("BotGame: " + why);
    System.exit(1);
  }
}
