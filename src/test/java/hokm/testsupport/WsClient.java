package hokm.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client for tests: sends JSON frames and waits for the ones it expects. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();

  /** Every frame received, in order; read only through {@link #received()}. */
  private final List<JsonNode> received = new ArrayList<>();

  /** Every frame sent with {@link #send}, in order; read only through {@link #sent()}. */
  private final List<JsonNode> sent = new ArrayList<>();

  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;
  private volatile String token;

  public static WsClient connect(int port) {
    return connect(port, Map.of());
  }

  /** Connects with extra handshake headers (e.g. X-Forwarded-For from this trusted loopback). */
  public static WsClient connect(int port, Map<String, String> headers) {
    WsClient client = new WsClient();
    WebSocket.Builder builder =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    headers.forEach(builder::header);
    client.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/ws"), client).join();
    return client;
  }

  /** Connects and sends hello; waits for welcome. */
  public static WsClient login(int port, String token) {
    WsClient client = connect(port);
    client.send(Map.of("type", "hello", "token", token));
    client.awaitType("welcome");
    client.token = token;
    return client;
  }

  /** The access token this client logged in with ({@link #login}), or null. */
  public String token() {
    return token;
  }

  public String nextId() {
    return "r" + ids.incrementAndGet();
  }

  public void send(Map<String, ?> frame) {
    synchronized (sent) {
      sent.add(JSON.valueToTree(frame));
    }
    sendText(JSON.writeValueAsString(frame));
  }

  /** A copy of the frames sent so far with {@link #send} (not the raw text ones). */
  public List<JsonNode> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  public synchronized void sendText(String text) {
    socket.sendText(text, true).join();
  }

  public synchronized void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** Waits for the next frame that matches; frames before it are skipped (and kept in received). */
  public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode frame;
      try {
        frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (frame == null) {
        throw new AssertionError("no matching frame within " + timeout + "; last: " + tail());
      }
      if (wanted.test(frame)) {
        return frame;
      }
    }
  }

  public JsonNode await(Predicate<JsonNode> wanted) {
    return await(wanted, WAIT);
  }

  public JsonNode awaitType(String type) {
    return await(f -> type.equals(f.path("type").asString()));
  }

  /** The answer to a request: the frame whose replyTo is the id. */
  public JsonNode request(Map<String, Object> frame) {
    String id = nextId();
    Map<String, Object> withId = new java.util.LinkedHashMap<>(frame);
    withId.put("id", id);
    send(withId);
    return await(f -> id.equals(f.path("replyTo").asString(null)));
  }

  /** Waits for the error answering a request. */
  public JsonNode requestError(Map<String, Object> frame) {
    JsonNode answer = request(frame);
    if (!"error".equals(answer.path("type").asString())) {
      throw new AssertionError("expected an error, got " + answer);
    }
    return answer;
  }

  /** A frame that is not JSON or lacks an id: the next error frame. */
  public JsonNode sendRawExpectingError(String text) {
    sendText(text);
    return awaitType("error");
  }

  /** The next frame already received or arriving within the timeout, or null. */
  public JsonNode poll(Duration timeout) {
    try {
      return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The close code the server sent, waiting up to the timeout. */
  public int awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + timeout, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /**
   * A copy of every frame received so far, in order. Frames keep arriving on the client's thread,
   * so callers iterate this copy, never the live list.
   */
  public List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private String tail() {
    List<JsonNode> all = received();
    return all.subList(Math.max(0, all.size() - 5), all.size()).toString();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      JsonNode frame = JSON.readTree(partial.toString());
      partial.setLength(0);
      synchronized (received) {
        received.add(frame);
      }
      inbox.add(frame);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
