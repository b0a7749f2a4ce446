package hokm.table;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.journal.internal.JournalWriter;
import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An operator ends a table on the management port ({@code DELETE /actuator/tables/{id}}, HTTP
 * Basic): the game ends as aborted for its players and in the record, and the audit log says who.
 */
@IntegrationTest
class OperatorActionTest {
  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired JdbcTemplate jdbc;
  @Autowired JournalWriter journal;

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anOperatorAbortsATableAndOnlyAnOperatorCan() {
    WsClient player = TestFrames.guest(port);
    JsonNode created =
        player.request(
            Map.of(
                "type", "create_table", "private", true, "fillWithBots", true, "turnSeconds", 300));
    String tableId = created.path("tableId").asString();
    player.awaitType("game_started");
    String path = "/actuator/tables/" + tableId;
    Http management = new Http(managementPort);

    assertThat(management.delete(path, null).status()).isEqualTo(401);
    assertThat(management.delete(path, basic("operator", "wrong")).status()).isEqualTo(401);
    assertThat(management.delete(path, "Bearer " + player.token()).status()).isEqualTo(401);
    assertThat(new Http(port).delete(path, basic("operator", "test-operator-password")).status())
        .as("no actuator on the players' port")
        .isEqualTo(404);

    Http.Response aborted = management.delete(path, basic("operator", "test-operator-password"));
    assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
    assertThat(aborted.json().path("status").asString()).isEqualTo("aborted");
    JsonNode over = player.awaitType("game_over");
    assertThat(over.path("reason").asString()).isEqualTo("aborted");
    assertThat(over.path("winnerTeam").asInt()).isZero();
    player.awaitType("table_closed");

    assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT end_reason FROM game_sessions WHERE room_id = ? || '#1'",
                String.class,
                tableId))
        .isEqualTo("aborted");
    assertThat(auditedBy("operator", tableId)).isTrue();

    Http.Response again = management.delete(path, basic("operator", "test-operator-password"));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().path("code").asString()).isEqualTo("NOT_FOUND");
    Http.Response notAnId =
        management.delete("/actuator/tables/nope", basic("operator", "test-operator-password"));
    assertThat(notAnId.status()).isEqualTo(400);
    assertThat(notAnId.json().path("code").asString()).isEqualTo("VALIDATION");
    player.close();
  }

  @Test
  void aTableIdOfAnotherKindIsNotFoundAndNothingChanges() {
    Http.Response missing =
        new Http(managementPort)
            .delete(
                "/actuator/tables/" + UUID.randomUUID(),
                basic("operator", "test-operator-password"));
    assertThat(missing.status()).isEqualTo(404);
  }

  /** The audit row is written in the background: wait for it with a generous deadline. */
  private boolean auditedBy(String operator, String tableId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Long rows =
          jdbc.queryForObject(
              "SELECT count(*) FROM audit_log WHERE event = 'operator.table_aborted'"
                  + " AND outcome = 'success' AND subject = ? AND detail->>'table' = ?",
              Long.class,
              operator,
              tableId);
      if (rows != null && rows > 0) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
