package hokm.gateway;

import org.springframework.web.socket.CloseStatus;

/** The close codes of the protocol (documented in docs/protocol.md). */
public final class CloseCodes {
  /** A newer socket of the same player took over. */
  public static final CloseStatus REPLACED = new CloseStatus(4000, "replaced by a new connection");

  /** No valid hello in time. */
  public static final CloseStatus AUTH_TIMEOUT = new CloseStatus(4001, "authentication timeout");

  /** Too many messages refused by the rate limit. */
  public static final CloseStatus FLOOD = new CloseStatus(4008, "rate limit exceeded");

  /** The client does not read its frames fast enough. */
  public static final CloseStatus TOO_SLOW = new CloseStatus(4009, "client too slow");

  /** The server is stopping: reconnect (to another instance). */
  public static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

  private CloseCodes() {}
}
