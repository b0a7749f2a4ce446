package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A stopped server that is started again serves games as before. (The test framework stops a cached
 * context while another class's runs, then starts it again for the next class that shares it; the
 * gateway once shut its threads down for good on stop.)
 */
@IntegrationTest
class ContextRestartTest {
  @LocalServerPort int port;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void afterAPauseAndARestartSocketsAreServedAndAGameIsPlayedToTheEnd() {
    WsClient before = Players.guests(port, 1).get(0);
    before.close();

    context.pause();
    context.restart();

    List<WsClient> clients = Players.guests(port, 4);
    int[] seats = new int[4];
    JsonNode created = Players.seatAtPrivateTable(clients, Map.of("targetPoints", 1), seats);
    assertThat(created.path("tableId").asString()).isNotEmpty();
    Players.playUntilGameOver(clients, seats, new Random(7));
    for (WsClient client : clients) {
      assertThat(
              client.received().stream()
                  .anyMatch(f -> f.path("type").asString().equals("game_over")))
          .isTrue();
      client.close();
    }
  }
}
