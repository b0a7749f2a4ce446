package hokm.gateway;

import hokm.gateway.internal.BenchEchoHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * A benchmark-only WebSocket endpoint, {@code /bench/echo}, registered only with the Spring profile
 * {@code bench-echo}: the transport alone, as a baseline for the game's numbers (see
 * docs/benchmarks.md). Never enable it in production.
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench-echo")
public class BenchEchoConfiguration implements WebSocketConfigurer {

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(new BenchEchoHandler(), "/bench/echo").setAllowedOriginPatterns("*");
  }
}
