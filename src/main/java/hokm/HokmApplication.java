package hokm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;

/**
 * The Hokm game server.
 *
 * <p>Lettuce's per-command observations are left out: every move writes to Redis, and building an
 * observation (tags, remote address, timer lookup) for each command cost more CPU than the command
 * itself. Redis health is watched through the {@code redis} circuit breaker's metrics instead.
 */
@SpringBootApplication(exclude = LettuceObservationAutoConfiguration.class)
public class HokmApplication {

  /**
   * Tomcat's WebSocket output buffers (bytes and chars) per socket, unless set on the command line.
   * Its default of 8 KiB costs about 24 KB a socket, 480 MB at 20,000 sockets; frames to clients
   * are mostly under 1 KiB, and larger ones are written in several parts.
   */
  static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

  public static void main(String[] args) {
    if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
      System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "2048");
    }
    SpringApplication.run(HokmApplication.class, args);
  }
}
