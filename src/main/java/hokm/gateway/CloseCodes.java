package hokm.gateway;

import org.springframework.web.socket.CloseStatus;

/** The close codes of the protocol (documented in docs/protocol.md). */
public final class CloseCodes {
  /** A newer socket of the same player took over. */
  public static final CloseStatus REPLACED = new CloseStatus(4000, "replaced by a new connection");

  /** No valid hello in time. */
  public static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4001, "authentication timeout");

  /**
   * The player's sessions were revoked (log out everywhere, a password change, a reused refresh
   * token) and this socket was authenticated with a token issued before.
   */
  public static final CloseStatus SESSION_REVOKED = new CloseStatus(4003, "session revoked");

  /** No frame (not even a ping) for the idle timeout. */
  public static final CloseStatus IDLE = new CloseStatus(4002, "idle timeout");

  /** Too many messages refused by the rate limit. */
  public static final CloseStatus FLOOD = new CloseStatus(4008, "rate limit exceeded");

  /** The client does not read its frames fast enough. */
  public static final CloseStatus TOO_SLOW = new CloseStatus(4009, "client too slow");

  /** Too many open sockets from this IP address. */
  public static final CloseStatus TOO_MANY_CONNECTIONS =
      new CloseStatus(4029, "too many connections from this address");

  /** The token expired and no fresh hello came within the grace period. */
  public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired");

  /** The server is stopping: reconnect (to another instance). */
  public static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

  private CloseCodes() {}
}
