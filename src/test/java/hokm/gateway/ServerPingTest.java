package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.journal.internal.JournalWriter;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.RawWebSocket;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server pings authenticated sockets (a browser answers by itself), and a pong is recorded as
 * the connection's last ping. The raw socket here answers nothing unless told to.
 */
@IntegrationTest
class ServerPingTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int TEXT = 0x1;
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  @LocalServerPort int port;
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;

  /** Opens a socket, says hello and returns the player's id from welcome. */
  private UUID hello(RawWebSocket socket) throws IOException {
    assertThat(socket.status).isEqualTo(101);
    socket.sendText(WsClient.json(Map.of("type", "hello", "token", TestFrames.guestToken(port))));
    RawWebSocket.Frame frame = socket.read();
    assertThat(frame.opcode()).as("welcome first").isEqualTo(TEXT);
    JsonNode welcome = JSON.readTree(frame.text());
    return UUID.fromString(welcome.path("player").path("id").asString());
  }

  private Object lastPing(UUID playerId) {
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    List<Object> rows =
        jdbc.queryForList(
            "SELECT last_ping FROM websocket_connections WHERE player_id = ? AND is_active",
            Object.class,
            playerId);
    assertThat(rows).hasSizeLessThanOrEqualTo(1);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private void awaitLastPing(UUID playerId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (lastPing(playerId) == null) {
      assertThat(System.nanoTime()).as("the pong is recorded in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void theServerPingsAndTheAnsweringPongIsTheConnectionsLastPing() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(port, Map.of(), 0)) {
      UUID playerId = hello(socket);
      RawWebSocket.Frame ping = socket.read();
      for (int i = 0; i < 100 && ping != null && ping.opcode() != PING; i++) {
        ping = socket.read();
      }
      assertThat(ping).isNotNull();
      assertThat(ping.opcode()).isEqualTo(PING);
      assertThat(lastPing(playerId)).as("unanswered, nothing is recorded").isNull();

      socket.sendFrame(PONG, ping.payload());
      awaitLastPing(playerId);
    }
  }

  @Test
  void aPongTheServerDidNotAskForCountsToo() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(port, Map.of(), 0)) {
      UUID playerId = hello(socket);
      socket.sendFrame(PONG, new byte[0]);
      awaitLastPing(playerId);
    }
  }
}
