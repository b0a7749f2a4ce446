package hokm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Frames larger than the container's per-socket buffer arrive in parts and are gathered: up to the
 * transport's 64 KiB they get MESSAGE_TOO_LARGE (or BAD_MESSAGE for binary) with the socket kept
 * open; beyond it the socket is closed with 1009, as the protocol says.
 */
@IntegrationTest
class LargeFramesTest {
  @LocalServerPort int port;

  @Test
  void framesInPartsUpTo64KiBAreRefusedWithAnError() {
    WsClient client = WsClient.connect(port);
    JsonNode error =
        client.sendRawExpectingError("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(40_000) + "\"}");
    assertThat(error.path("code").asString()).isEqualTo("MESSAGE_TOO_LARGE");
    client.sendBinary(new byte[20_000]);
    JsonNode binary = client.awaitType("error");
    assertThat(binary.path("code").asString()).isEqualTo("BAD_MESSAGE");
    assertThat(client.poll(Duration.ofMillis(300))).as("one answer per frame").isNull();
    assertThat(
            client
                .sendRawExpectingError("{\"type\":\"ping\",\"pad\":\"" + "y".repeat(5000) + "\"}")
                .path("code")
                .asString())
        .isEqualTo("MESSAGE_TOO_LARGE");
    assertThat(client.sendRawExpectingError("{}").path("code").asString()).isEqualTo("BAD_MESSAGE");
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void aFrameLargerThanTheContainerBufferButWithinTheLimitIsAnswered() {
    WsClient client = Players.guest(port);
    // About 3,000 characters: more than the container hands over at once, less than 4 KiB.
    client.sendText("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + "é".repeat(1500) + "\"}");
    JsonNode pong = client.awaitType("pong");
    assertThat(pong.path("replyTo").asString()).isEqualTo("big");
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void framesOver64KiBCloseTheSocket() {
    WsClient text = WsClient.connect(port);
    text.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(text.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);

    WsClient binary = WsClient.connect(port);
    binary.sendBinary(new byte[70_000]);
    assertThat(binary.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
  }
}
