package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.journal.internal.JournalWriter;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.RawWebSocket;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server pings authenticated sockets (a browser answers by itself), and the pong is recorded as
 * the connection's last ping.
 */
@IntegrationTest
@TestPropertySource(properties = "hokm.gateway.ping-interval=200ms")
class ServerPingTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  @LocalServerPort int port;
  @Autowired JournalWriter journal;
  @Autowired JdbcTemplate jdbc;

  private List<Map<String, Object>> connectionsOf(UUID playerId) {
    assertThat(journal.flush(Duration.ofSeconds(20))).isTrue();
    return jdbc.queryForList(
        "SELECT last_ping FROM websocket_connections WHERE player_id = ? AND is_active", playerId);
  }

  @Test
  void theServerPingsAndTheAnsweringPongIsTheConnectionsLastPing() throws Exception {
    try (RawWebSocket socket = RawWebSocket.open(port, Map.of(), 0)) {
      assertThat(socket.status).isEqualTo(101);
      socket.sendText(WsClient.json(Map.of("type", "hello", "token", TestFrames.guestToken(port))));
      RawWebSocket.Frame frame = socket.read();
      assertThat(frame.opcode()).as("welcome first").isEqualTo(0x1);
      JsonNode welcome = JSON.readTree(frame.text());
      UUID playerId = UUID.fromString(welcome.path("player").path("id").asString());

      // Pings come, unanswered so far: nothing is recorded.
      RawWebSocket.Frame ping = socket.read();
      for (int i = 0; i < 100 && ping != null && ping.opcode() != PING; i++) {
        ping = socket.read();
      }
      assertThat(ping).isNotNull();
      assertThat(ping.opcode()).isEqualTo(PING);
      List<Map<String, Object>> before = connectionsOf(playerId);
      assertThat(before).hasSize(1);
      assertThat(before.get(0).get("last_ping")).isNull();

      socket.sendFrame(PONG, ping.payload());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (connectionsOf(playerId).get(0).get("last_ping") == null) {
        assertThat(System.nanoTime()).as("the pong is recorded in time").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }
}
