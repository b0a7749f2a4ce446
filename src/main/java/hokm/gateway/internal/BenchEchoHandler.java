package hokm.gateway.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The benchmark echo: a text frame is sent back unchanged to its sender or, when the socket was
 * opened with {@code ?group=NAME}, to every socket of that group (the fan-out of a move to the four
 * seats of a table). No parsing, no authentication, no state beyond the groups.
 */
public final class BenchEchoHandler extends TextWebSocketHandler {
  private static final int SEND_TIME_LIMIT_MS = 10_000;
  private static final int BUFFER_LIMIT = 1 << 20;

  private final Map<String, Set<WebSocketSession>> groups = new ConcurrentHashMap<>();
  private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    WebSocketSession safe =
        new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT);
    sessions.put(session.getId(), safe);
    String group = group(session.getUri());
    if (group != null) {
      groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(safe);
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    WebSocketSession self = sessions.get(session.getId());
    String group = group(session.getUri());
    Set<WebSocketSession> members = group == null ? null : groups.get(group);
    if (members == null) {
      send(self, message);
      return;
    }
    for (WebSocketSession member : members) {
      send(member, message);
    }
  }

  private static void send(WebSocketSession session, TextMessage message) {
    if (session == null || !session.isOpen()) {
      return;
    }
    try {
      session.sendMessage(message);
    } catch (IOException | RuntimeException e) {
      try {
        session.close(CloseStatus.SERVER_ERROR);
      } catch (IOException | RuntimeException ignored) {
        // Closing anyway.
      }
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    WebSocketSession safe = sessions.remove(session.getId());
    String group = group(session.getUri());
    if (group != null && safe != null) {
      groups.computeIfPresent(
          group,
          (g, members) -> {
            members.remove(safe);
            return members.isEmpty() ? null : members;
          });
    }
  }

  private static String group(URI uri) {
    String query = uri == null ? null : uri.getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("group=")) {
        return pair.substring(6);
      }
    }
    return null;
  }
}
