package hokm.gateway.internal;

import hokm.gateway.CloseCodes;
import hokm.table.Message;
import hokm.table.PlayerRef;
import hokm.table.TableClient;
import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket. Frames to it are queued and written by the sender pool, so a table never waits on a
 * network write; a socket whose queue grows past its limit is closed as too slow.
 */
public final class Connection implements TableClient {
  /** Past this many characters a frame in parts is not gathered further (it will be refused). */
  private static final int GATHER_LIMIT = 1 << 20;

  private final WebSocketSession session;
  private final Function<Message, String> encoder;
  private final Executor senders;
  private final int outboundLimit;
  private final Queue<String> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedBytes = new AtomicInteger();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final Runnable flush = this::flush;
  private final RateLimiter rateLimiter;
  private final String ip;
  private final Runnable onTooSlow;
  private final Executor closer;

  private volatile long lastFrameNanos = System.nanoTime();
  private volatile boolean pinged;
  private volatile long lastPingSentNanos;

  /** A WebSocket ping waits to be written by the sender pool. */
  private volatile boolean pingDue;

  private volatile boolean pongRecorded;
  private volatile long lastPongRecordedNanos;
  private volatile PlayerRef player;
  private volatile Instant tokenExpiresAt;
  private volatile long tokenVersion;
  private volatile boolean closed;
  private volatile ScheduledFuture<?> authTimer;
  private int refusedInARow;

  /** A text frame arriving in parts (only frames over the container's buffer). */
  private StringBuilder partialText;

  private long partialBinaryBytes;

  Connection(
      WebSocketSession session,
      Function<Message, String> encoder,
      Executor senders,
      int outboundLimit,
      RateLimiter rateLimiter,
      String ip,
      Runnable onTooSlow,
      Executor closer) {
    this.closer = closer;
    this.session = session;
    this.encoder = encoder;
    this.senders = senders;
    this.outboundLimit = outboundLimit;
    this.rateLimiter = rateLimiter;
    this.ip = ip;
    this.onTooSlow = onTooSlow;
  }

  @Override
  public String connectionId() {
    return session.getId();
  }

  @Override
  public PlayerRef player() {
    return player;
  }

  void authenticated(PlayerRef player, Instant expiresAt, long tokenVersion) {
    this.tokenVersion = tokenVersion;
    this.tokenExpiresAt = expiresAt;
    this.player = player;
    ScheduledFuture<?> timer = authTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  boolean isAuthenticated() {
    return player != null;
  }

  boolean tokenExpired(Instant now) {
    return tokenExpiresAt != null && now.isAfter(tokenExpiresAt);
  }

  Instant tokenExpiresAt() {
    return tokenExpiresAt;
  }

  /** The version of the token the socket was last authenticated with. */
  long tokenVersion() {
    return tokenVersion;
  }

  /** A frame arrived: the socket is not idle. */
  void touch(long nanos) {
    lastFrameNanos = nanos;
  }

  long lastFrameNanos() {
    return lastFrameNanos;
  }

  /** Whether a ping is due: never sent yet, or the last one {@code intervalNanos} ago. */
  boolean pingDue(long nanos, long intervalNanos) {
    return !pinged || nanos - lastPingSentNanos >= intervalNanos;
  }

  /**
   * Sends a WebSocket ping (written by the sender pool, between frames, like them never blocking
   * the caller).
   */
  void ping(long nanos) {
    if (closed) {
      return;
    }
    lastPingSentNanos = nanos;
    pinged = true;
    pingDue = true;
    if (flushing.compareAndSet(false, true)) {
      senders.execute(flush);
    }
  }

  /**
   * A pong arrived (receiving thread): whether to record it, at most once per {@code gapNanos}, so
   * that pongs a client sends unasked cannot make the journal busy.
   */
  boolean pongToRecord(long nanos, long gapNanos) {
    if (pongRecorded && nanos - lastPongRecordedNanos < gapNanos) {
      return false;
    }
    lastPongRecordedNanos = nanos;
    pongRecorded = true;
    return true;
  }

  void authTimer(ScheduledFuture<?> timer) {
    this.authTimer = timer;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Counts a refused (rate-limited) frame; returns how many came in a row. */
  int refused() {
    return ++refusedInARow;
  }

  void accepted() {
    refusedInARow = 0;
  }

  /**
   * Gathers a text frame that arrives in parts (receiving thread only): the whole frame once its
   * last part is in, else null.
   */
  String partialText(String part, boolean last) {
    if (last && partialText == null) {
      return part;
    }
    if (partialText == null) {
      partialText = new StringBuilder(part.length() * 2);
    }
    if (partialText.length() <= GATHER_LIMIT) {
      partialText.append(part);
    }
    if (!last) {
      return null;
    }
    String whole = partialText.toString();
    partialText = null;
    return whole;
  }

  /** Characters gathered so far of a text frame arriving in parts. */
  int partialTextLength() {
    return partialText == null ? 0 : partialText.length();
  }

  /** Counts a binary frame arriving in parts; true once its last part is in. */
  boolean partialBinary(int bytes, boolean last) {
    partialBinaryBytes += bytes;
    if (last) {
      partialBinaryBytes = 0;
    }
    return last;
  }

  boolean partialBinaryOverflow(int limit) {
    return partialBinaryBytes > limit;
  }

  /** The client's IP as the web server saw it (behind trusted proxies: the forwarded one). */
  String remoteAddress() {
    return ip;
  }

  @Override
  public void send(Message message) {
    if (closed) {
      return;
    }
    String text = message.encoded(encoder);
    int size = queuedBytes.addAndGet(text.length());
    if (size > outboundLimit) {
      if (!closed) {
        onTooSlow.run();
      }
      close(CloseCodes.TOO_SLOW);
      return;
    }
    outbound.add(text);
    if (flushing.compareAndSet(false, true)) {
      senders.execute(flush);
    }
  }

  private void flush() {
    try {
      String text;
      do {
        if (pingDue) {
          pingDue = false;
          if (!closed && session.isOpen()) {
            session.sendMessage(new PingMessage());
          }
        }
        text = outbound.poll();
        if (text != null) {
          queuedBytes.addAndGet(-text.length());
          if (!closed && session.isOpen()) {
            session.sendMessage(new TextMessage(text));
          }
        }
      } while (text != null);
    } catch (IOException | RuntimeException e) {
      close(CloseStatus.SERVER_ERROR);
    } finally {
      flushing.set(false);
      if ((!outbound.isEmpty() || pingDue) && flushing.compareAndSet(false, true)) {
        senders.execute(flush);
      }
    }
  }

  /**
   * Closes the socket. The close frame is written by the closer pool: a client that stopped reading
   * can hold that write up to the send timeout, and no table or receiving thread may wait for it.
   */
  void close(CloseStatus status) {
    if (closed) {
      return;
    }
    closed = true;
    outbound.clear();
    try {
      closer.execute(() -> closeSession(status));
    } catch (RejectedExecutionException e) {
      closeSession(status);
    }
  }

  private void closeSession(CloseStatus status) {
    try {
      session.close(status);
    } catch (IOException | RuntimeException e) {
      // Already closing; nothing more to do.
    }
  }

  boolean isClosed() {
    return closed || !session.isOpen();
  }

  void markClosed() {
    closed = true;
    outbound.clear();
    ScheduledFuture<?> timer = authTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "Connection[" + connectionId() + ", " + player + "]";
  }
}
