package hokm.gateway.internal;

import hokm.engine.Card;
import hokm.engine.Rank;
import hokm.engine.Suit;
import hokm.gateway.CloseCodes;
import hokm.gateway.ConnectionRecorder;
import hokm.gateway.GatewayProperties;
import hokm.gateway.PlayerAuthenticator;
import hokm.protocol.ClientCommand;
import hokm.protocol.CommandDecoder;
import hokm.security.AuditLog;
import hokm.security.Limits;
import hokm.table.BotLevel;
import hokm.table.ErrorCode;
import hokm.table.Lobby;
import hokm.table.Message;
import hokm.table.PlayerRef;
import hokm.table.TableOptions;
import hokm.table.TableProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol, version 1: decodes each client frame, checks who is speaking and what they may do,
 * and hands the action to the lobby. Every bad frame gets an {@code error} with a stable code; the
 * socket stays open.
 */
public final class GameSocketHandler extends AbstractWebSocketHandler {
  public static final int PROTOCOL_VERSION = 1;
  private static final Logger log = LoggerFactory.getLogger(GameSocketHandler.class);
  private static final String IP_ATTRIBUTE = "hokm.clientIp";

  private final Lobby lobby;
  private final PlayerAuthenticator authenticator;
  private final ConnectionRecorder recorder;
  private final GatewayProperties properties;
  private final TableProperties tableProperties;
  private final JsonMapper json;
  private final CommandDecoder decoder;
  private final Clock clock;
  private final ExecutorService senders;
  private final ScheduledExecutorService timers;
  private final ExecutorService closer;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Map<UUID, Connection> byPlayer = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter> handshakesByIp = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> socketsByIp = new ConcurrentHashMap<>();
  private final Map<UUID, RateLimiter> tablesByPlayer = new ConcurrentHashMap<>();
  private final Limits limits;
  private final AuditLog audit;
  private final int transportFrameLimit;

  public GameSocketHandler(
      Lobby lobby,
      PlayerAuthenticator authenticator,
      ConnectionRecorder recorder,
      GatewayProperties properties,
      JsonMapper json,
      CommandDecoder decoder,
      Clock clock,
      Limits limits,
      AuditLog audit,
      int transportFrameLimit) {
    this.limits = limits;
    this.audit = audit;
    this.transportFrameLimit = transportFrameLimit;
    this.lobby = lobby;
    this.authenticator = authenticator;
    this.recorder = recorder;
    this.properties = properties;
    this.tableProperties = lobby.properties();
    this.json = json;
    this.decoder = decoder;
    this.clock = clock;
    AtomicInteger number = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            properties.senderThreads(),
            r -> {
              Thread thread = new Thread(r, "ws-sender-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ws-timers");
              thread.setDaemon(true);
              return thread;
            });
    AtomicInteger closers = new AtomicInteger();
    this.closer =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "ws-closer-" + closers.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    long sweep = Math.max(10, properties.sweepInterval().toMillis());
    timers.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs before the upgrade: notes the client's address (the servlet request's, which honours
   * forwarded headers from trusted proxies only) and refuses the handshake with 429 when the
   * address opens sockets faster than {@link GatewayProperties#connectionsPerIpPerMinute()}.
   */
  public HandshakeInterceptor handshakeInterceptor() {
    return new HandshakeInterceptor() {
      @Override
      public boolean beforeHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler wsHandler,
          Map<String, Object> attributes) {
        String ip = clientIp(request);
        attributes.put(IP_ATTRIBUTE, ip);
        long now = System.nanoTime();
        RateLimiter bucket =
            handshakesByIp.computeIfAbsent(
                ip,
                k ->
                    new RateLimiter(
                        properties.connectionsPerIpPerMinute(),
                        properties.connectionsPerIpPerMinute() / 60.0,
                        now));
        if (bucket.tryAcquire(now)) {
          return true;
        }
        limits.triggered(Limits.CONNECTION_RATE);
        audit.limitTriggered(Limits.CONNECTION_RATE, ip, ip, null);
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response
            .getHeaders()
            .set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, bucket.secondsToNext(now))));
        return false;
      }

      @Override
      public void afterHandshake(
          ServerHttpRequest request,
          ServerHttpResponse response,
          WebSocketHandler wsHandler,
          Exception exception) {}
    };
  }

  private static String clientIp(ServerHttpRequest request) {
    if (request instanceof ServletServerHttpRequest servlet) {
      return servlet.getServletRequest().getRemoteAddr();
    }
    return request.getRemoteAddress() == null
        ? "unknown"
        : request.getRemoteAddress().getAddress().getHostAddress();
  }

  /**
   * Closes idle sockets and those whose token expired without a fresh hello; pings authenticated
   * sockets; forgets old state.
   */
  private void sweep() {
    try {
      long nanos = System.nanoTime();
      Instant now = clock.instant();
      long idle = properties.idleTimeout().toNanos();
      long pingEvery = properties.pingInterval().toNanos();
      for (Connection connection : connections.values()) {
        if (connection.isClosed()) {
          continue;
        }
        if (nanos - connection.lastFrameNanos() > idle) {
          limits.triggered(Limits.IDLE);
          connection.close(CloseCodes.IDLE);
          continue;
        }
        Instant expires = connection.tokenExpiresAt();
        if (expires != null && now.isAfter(expires.plus(properties.tokenExpiryGrace()))) {
          limits.triggered(Limits.TOKEN_EXPIRED);
          connection.close(CloseCodes.TOKEN_EXPIRED);
          continue;
        }
        // The first ping soon after hello, so a connection's last ping is known from the start.
        if (pingEvery > 0 && connection.isAuthenticated() && connection.pingDue(nanos, pingEvery)) {
          connection.ping(nanos);
        }
      }
      handshakesByIp.values().removeIf(bucket -> bucket.isFull(nanos));
      tablesByPlayer.values().removeIf(bucket -> bucket.isFull(nanos));
    } catch (RuntimeException e) {
      log.warn("socket sweep failed", e);
    }
  }

  /** Open sockets. */
  public int connectionCount() {
    return connections.size();
  }

  /** Tells every client the server is stopping, and closes the sockets. */
  public void closeAll() {
    for (Connection connection : connections.values()) {
      connection.close(CloseCodes.GOING_AWAY);
    }
  }

  public void shutdown() {
    timers.shutdownNow();
    senders.shutdown();
    closer.shutdown();
    try {
      closer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String encode(Message message) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", message.type());
    frame.putAll(message.fields());
    return json.writeValueAsString(frame);
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    Object ipAttribute = session.getAttributes().get(IP_ATTRIBUTE);
    String ip = ipAttribute instanceof String s ? s : "unknown";
    Connection connection =
        new Connection(
            session,
            this::encode,
            senders,
            properties.outboundBufferBytes(),
            new RateLimiter(properties.rateBurst(), properties.ratePerSecond(), System.nanoTime()),
            ip,
            () -> {
              limits.triggered(Limits.OUTBOUND_BUFFER);
              audit.limitTriggered(Limits.OUTBOUND_BUFFER, ip, ip, playerIdOf(session.getId()));
            },
            closer);
    limitSendTime(session);
    connections.put(session.getId(), connection);
    int fromIp = socketsByIp.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
    if (fromIp > properties.maxSocketsPerIp()) {
      limits.triggered(Limits.SOCKETS_PER_IP);
      audit.limitTriggered(Limits.SOCKETS_PER_IP, ip, ip, null);
      connection.close(CloseCodes.TOO_MANY_CONNECTIONS);
      return;
    }
    connection.authTimer(
        timers.schedule(
            () -> {
              if (!connection.isAuthenticated()) {
                connection.close(CloseCodes.AUTH_TIMEOUT);
              }
            },
            properties.authTimeout().toMillis(),
            TimeUnit.MILLISECONDS));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Connection connection = connections.remove(session.getId());
    if (connection == null) {
      return;
    }
    connection.markClosed();
    socketsByIp.computeIfPresent(
        connection.remoteAddress(), (ip, count) -> count.decrementAndGet() <= 0 ? null : count);
    PlayerRef player = connection.player();
    if (player != null) {
      byPlayer.remove(player.id(), connection);
      lobby.disconnected(connection);
      recorder.disconnected(connection.connectionId(), clock.instant());
    }
  }

  /**
   * Bounds how long one write to this socket may block (Tomcat's default is 20 s): a client that
   * stops reading holds a sender thread at most this long before the write fails and the socket is
   * closed.
   */
  private void limitSendTime(WebSocketSession session) {
    if (session instanceof NativeWebSocketSession nativeSession) {
      jakarta.websocket.Session socket =
          nativeSession.getNativeSession(jakarta.websocket.Session.class);
      if (socket != null) {
        socket
            .getUserProperties()
            .put(
                "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT",
                properties.sendTimeout().toMillis());
      }
    }
  }

  private UUID playerIdOf(String sessionId) {
    Connection connection = connections.get(sessionId);
    PlayerRef player = connection == null ? null : connection.player();
    return player == null ? null : player.id();
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.debug("transport error on {}: {}", session.getId(), exception.toString());
  }

  /**
   * Frames larger than the container's buffer arrive in parts: they are gathered here (binary ones
   * only counted) up to the transport limit, beyond which the socket is closed with 1009.
   */
  @Override
  public boolean supportsPartialMessages() {
    return true;
  }

  /**
   * A pong, the answer to the server's ping (or one the client sent unasked): recorded as the
   * connection's last ping, at most once per half ping interval. It does not count against the idle
   * limit, which is about what the client says.
   */
  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message) {
    Connection connection = connections.get(session.getId());
    if (connection == null || !connection.isAuthenticated()) {
      return;
    }
    long interval = properties.pingInterval().toNanos();
    long gap = interval > 0 ? interval / 2 : TimeUnit.SECONDS.toNanos(15);
    if (connection.pongToRecord(System.nanoTime(), gap)) {
      recorder.ping(connection.connectionId(), clock.instant());
    }
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    Connection connection = connections.get(session.getId());
    if (connection == null) {
      return;
    }
    connection.touch(System.nanoTime());
    if (!connection.partialBinary(message.getPayloadLength(), message.isLast())) {
      if (connection.partialBinaryOverflow(transportFrameLimit)) {
        connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
      }
      return;
    }
    if (admit(connection)) {
      connection.send(
          Message.error(
              ErrorCode.BAD_MESSAGE, "Binary frames are not supported: send JSON text.", null));
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    Connection connection = connections.get(session.getId());
    if (connection == null) {
      return;
    }
    connection.touch(System.nanoTime());
    String payload = connection.partialText(message.getPayload(), message.isLast());
    if (payload == null) {
      if (connection.partialTextLength() > transportFrameLimit) {
        connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
      }
      return;
    }
    if (payload.length() > transportFrameLimit) {
      connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
      return;
    }
    if (!admit(connection)) {
      return;
    }
    if (payload.length() > properties.maxFrameBytes()
        || payload.getBytes(StandardCharsets.UTF_8).length > properties.maxFrameBytes()) {
      limits.triggered(Limits.FRAME_SIZE);
      connection.send(
          Message.error(
              ErrorCode.MESSAGE_TOO_LARGE,
              "Frames are limited to " + properties.maxFrameBytes() + " bytes.",
              null));
      return;
    }
    JsonNode frame;
    try {
      frame = json.readTree(payload);
    } catch (JacksonException e) {
      connection.send(Message.error(ErrorCode.BAD_MESSAGE, "The frame is not valid JSON.", null));
      return;
    }
    // Only a \\u escape can put half of a surrogate pair into a string: such a string cannot be
    // written back as UTF-8 (an echoed id would fail the socket), so the frame is refused.
    if (payload.indexOf("\\u") >= 0 && hasLoneSurrogate(frame)) {
      connection.send(
          Message.error(
              ErrorCode.BAD_MESSAGE,
              "The frame holds a string that is not valid Unicode (a lone surrogate escape).",
              null));
      return;
    }
    try {
      handle(connection, frame);
    } catch (BadFrame bad) {
      connection.send(Message.error(bad.code, bad.getMessage(), bad.replyTo));
    } catch (RuntimeException e) {
      log.error("failed to handle a frame on {}", connection, e);
      connection.send(
          Message.error(ErrorCode.INTERNAL, "The server could not handle that frame.", null));
    }
  }

  /** Whether any string or field name in the tree holds a UTF-16 surrogate without its pair. */
  static boolean hasLoneSurrogate(JsonNode node) {
    if (node.isString()) {
      return hasLoneSurrogate(node.stringValue());
    }
    for (var field : node.properties()) {
      if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasLoneSurrogate(element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The rate limit: a refused frame gets RATE_LIMITED; a flood closes the socket. */
  private boolean admit(Connection connection) {
    if (connection.rateLimiter().tryAcquire(System.nanoTime())) {
      connection.accepted();
      return true;
    }
    limits.triggered(Limits.MESSAGE_RATE);
    if (connection.refused() > properties.floodLimit()) {
      limits.triggered(Limits.FLOOD);
      PlayerRef player = connection.player();
      audit.limitTriggered(
          Limits.FLOOD,
          player == null ? connection.remoteAddress() : player.id().toString(),
          connection.remoteAddress(),
          player == null ? null : player.id());
      connection.close(CloseCodes.FLOOD);
    } else {
      connection.send(Message.error(ErrorCode.RATE_LIMITED, "Too many messages; slow down.", null));
    }
    return false;
  }

  private static final class BadFrame extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ErrorCode code;
    final String replyTo;

    BadFrame(ErrorCode code, String message, String replyTo) {
      super(message, null, false, false);
      this.code = code;
      this.replyTo = replyTo;
    }
  }

  private void handle(Connection connection, JsonNode frame) {
    CommandDecoder.Decoded envelope = decoder.envelope(frame);
    if (envelope instanceof CommandDecoder.Invalid invalid) {
      throw new BadFrame(ErrorCode.BAD_MESSAGE, invalid.message(), invalid.replyTo());
    }
    CommandDecoder.Envelope known = (CommandDecoder.Envelope) envelope;
    String replyTo = known.replyTo();
    if (!known.type().equals("hello")) {
      if (!connection.isAuthenticated()) {
        throw new BadFrame(ErrorCode.UNAUTHENTICATED, "Send hello with your token first.", replyTo);
      }
      if (connection.tokenExpired(clock.instant())) {
        throw new BadFrame(
            ErrorCode.UNAUTHENTICATED,
            "Your token has expired: send hello with a fresh one.",
            replyTo);
      }
    }
    CommandDecoder.Decoded decoded = decoder.command(frame, replyTo);
    if (decoded instanceof CommandDecoder.UnknownType) {
      throw new BadFrame(
          ErrorCode.UNKNOWN_TYPE, "Unknown message type; see the protocol.", replyTo);
    }
    if (decoded instanceof CommandDecoder.Invalid invalid) {
      // The range of turnSeconds is this server's setting, which the protocol's types do not know.
      String message =
          "turnSeconds".equals(invalid.field()) ? turnSecondsRange() : invalid.message();
      throw new BadFrame(ErrorCode.BAD_MESSAGE, message, replyTo);
    }
    dispatch(connection, ((CommandDecoder.Valid) decoded).command(), replyTo);
  }

  private void dispatch(Connection connection, ClientCommand command, String replyTo) {
    if (command instanceof ClientCommand.Hello hello) {
      hello(connection, hello.token(), replyTo);
    } else if (command instanceof ClientCommand.Ping) {
      recorder.ping(connection.connectionId(), clock.instant());
      connection.send(reply("pong", replyTo).put("time", clock.millis()));
    } else if (command instanceof ClientCommand.QuickMatch quick) {
      lobby.quickMatch(
          connection,
          Boolean.TRUE.equals(quick.fillWithBots()),
          BotLevel.fromWireName(quick.botLevel()),
          replyTo);
    } else if (command instanceof ClientCommand.CreateTable create) {
      TableOptions options = tableOptions(create, replyTo);
      allowTableCreation(connection, replyTo);
      lobby.createTable(connection, options, replyTo);
    } else if (command instanceof ClientCommand.JoinTable join) {
      lobby.join(
          connection,
          join.tableUuid(),
          join.code(),
          join.seat() == null ? -1 : join.seat(),
          replyTo);
    } else if (command instanceof ClientCommand.Spectate spectate) {
      lobby.spectate(connection, spectate.tableUuid(), spectate.code(), replyTo);
    } else if (command instanceof ClientCommand.LeaveTable) {
      lobby.leave(connection, replyTo);
    } else if (command instanceof ClientCommand.ChooseTrump trump) {
      lobby.chooseTrump(connection, Suit.fromWireName(trump.suit()), replyTo);
    } else if (command instanceof ClientCommand.PlayCard play) {
      lobby.playCard(
          connection,
          Card.of(Suit.fromWireName(play.card().suit()), Rank.fromSymbol(play.card().rank())),
          replyTo);
    } else if (command instanceof ClientCommand.Sync) {
      lobby.sync(connection, replyTo);
    } else if (command instanceof ClientCommand.Rematch) {
      lobby.rematch(connection, replyTo);
    } else {
      throw new IllegalStateException("no handler for " + command);
    }
  }

  private String turnSecondsRange() {
    return "turnSeconds must be a whole number from "
        + tableProperties.minTurnSeconds()
        + " to "
        + tableProperties.maxTurnSeconds()
        + ".";
  }

  private void hello(Connection connection, String token, String replyTo) {
    Optional<PlayerAuthenticator.Authenticated> authenticated = authenticator.authenticate(token);
    if (authenticated.isEmpty()) {
      throw new BadFrame(
          ErrorCode.UNAUTHENTICATED, "The token is invalid, expired or revoked.", replyTo);
    }
    PlayerRef player = authenticated.get().player();
    PlayerRef current = connection.player();
    if (current != null && !current.id().equals(player.id())) {
      throw new BadFrame(
          ErrorCode.ALREADY_AUTHENTICATED,
          "This connection belongs to another player; open a new one.",
          replyTo);
    }
    long tokenVersion = authenticated.get().tokenVersion();
    connection.authenticated(player, authenticated.get().expiresAt(), tokenVersion);
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("id", player.id().toString());
    who.put("username", player.username());
    connection.send(
        reply("welcome", replyTo)
            .put("player", who)
            .put("protocolVersion", PROTOCOL_VERSION)
            .put("tokenExpiresAt", authenticated.get().expiresAt().toEpochMilli()));
    if (current == null) {
      recorder.connected(
          connection.connectionId(), player.id(), connection.remoteAddress(), clock.instant());
      Connection previous = byPlayer.put(player.id(), connection);
      lobby.connected(connection);
      if (previous != null && previous != connection) {
        previous.close(CloseCodes.REPLACED);
      }
    }
    // A revocation that arrived while the token was being checked found no socket to close yet:
    // asked again now that the socket is authenticated, one or the other catches it.
    if (authenticator.revoked(player.id(), tokenVersion)) {
      connection.close(CloseCodes.SESSION_REVOKED);
    }
  }

  /**
   * The player's sessions were revoked: closes the player's sockets authenticated with a token
   * older than the revocation (a socket that sent hello with a newer token since stays open).
   */
  public void revoked(UUID playerId, long tokenVersion) {
    for (Connection connection : connections.values()) {
      PlayerRef player = connection.player();
      if (player != null
          && player.id().equals(playerId)
          && connection.tokenVersion() < tokenVersion
          && !connection.isClosed()) {
        connection.close(CloseCodes.SESSION_REVOKED);
      }
    }
  }

  /** At most {@link GatewayProperties#tablesPerMinute()} new tables per player. */
  private void allowTableCreation(Connection connection, String replyTo) {
    UUID player = connection.player().id();
    long now = System.nanoTime();
    RateLimiter bucket =
        tablesByPlayer.computeIfAbsent(
            player,
            k ->
                new RateLimiter(
                    properties.tablesPerMinute(), properties.tablesPerMinute() / 60.0, now));
    if (!bucket.tryAcquire(now)) {
      limits.triggered(Limits.TABLES_PER_MINUTE);
      audit.limitTriggered(
          Limits.TABLES_PER_MINUTE, player.toString(), connection.remoteAddress(), player);
      throw new BadFrame(
          ErrorCode.RATE_LIMITED,
          "You may create "
              + properties.tablesPerMinute()
              + " tables a minute; try again in "
              + Math.max(1, bucket.secondsToNext(now))
              + " seconds.",
          replyTo);
    }
  }

  private TableOptions tableOptions(ClientCommand.CreateTable create, String replyTo) {
    Integer turnSeconds = create.turnSeconds();
    if (turnSeconds != null
        && (turnSeconds < tableProperties.minTurnSeconds()
            || turnSeconds > tableProperties.maxTurnSeconds())) {
      throw new BadFrame(ErrorCode.BAD_MESSAGE, turnSecondsRange(), replyTo);
    }
    return lobby.options(
        create.privateTable(),
        create.targetPoints(),
        create.kot(),
        turnSeconds,
        create.fillWithBots(),
        BotLevel.fromWireName(create.botLevel()));
  }

  private static Message reply(String type, String replyTo) {
    Message message = Message.of(type);
    if (replyTo != null) {
      message.put("replyTo", replyTo);
    }
    return message;
  }
}
