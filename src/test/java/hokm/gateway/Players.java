package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/** Guest players over real HTTP and WebSockets, and a loop that plays for them. */
final class Players {
  private Players() {}

  static String guestToken(int port) {
    return TestFrames.guestToken(port);
  }

  static WsClient guest(int port) {
    return TestFrames.guest(port);
  }

  static List<WsClient> guests(int port, int count) {
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      clients.add(guest(port));
    }
    return clients;
  }

  /**
   * The first client opens a private table with these options, the other three join it by code.
   * Returns the first client's table_state; {@code seats[i]} receives client i's seat.
   */
  static JsonNode seatAtPrivateTable(
      List<WsClient> clients, java.util.Map<String, Object> options, int[] seats) {
    java.util.Map<String, Object> create = new java.util.LinkedHashMap<>(options);
    create.put("type", "create_table");
    create.put("private", true);
    JsonNode created = clients.get(0).request(create);
    assertThat(created.path("type").asString()).as(created.toString()).isEqualTo("table_state");
    seats[0] = seatOf(created);
    String code = created.path("code").asString();
    for (int i = 1; i < clients.size(); i++) {
      // Codes are not case-sensitive.
      JsonNode joined =
          clients
              .get(i)
              .request(java.util.Map.of("type", "join_table", "code", code.toLowerCase()));
      assertThat(joined.path("type").asString()).as(joined.toString()).isEqualTo("table_state");
      seats[i] = seatOf(joined);
    }
    return created;
  }

  /** The seat a table_state says is ours. */
  static int seatOf(JsonNode tableState) {
    return tableState.path("you").path("seat").asInt(-1);
  }

  /** See {@link TestFrames#playUntilGameOver}. */
  static void playUntilGameOver(List<WsClient> clients, int[] seats, Random random) {
    TestFrames.playUntilGameOver(clients, seats, random);
  }

  static void decide(WsClient client, JsonNode turn, Random random) {
    TestFrames.decide(client, turn, random);
  }
}
