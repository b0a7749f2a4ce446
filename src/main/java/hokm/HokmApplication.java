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

  public static void main(String[] args) {
    SpringApplication.run(HokmApplication.class, args);
  }
}
