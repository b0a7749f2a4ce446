package hokm.gateway;

import hokm.accounts.TokensRevoked;
import hokm.gateway.internal.GameSocketHandler;
import hokm.protocol.CommandDecoder;
import hokm.security.AuditLog;
import hokm.security.Limits;
import hokm.table.Lobby;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/** The WebSocket endpoint {@code /ws}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration implements WebSocketConfigurer, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

  /**
   * Frames up to this size reach the protocol, which answers MESSAGE_TOO_LARGE above {@link
   * GatewayProperties#maxFrameBytes()}; beyond it the container closes the socket (1009).
   */
  static final int CONTAINER_FRAME_LIMIT = 64 * 1024;

  /**
   * What the container buffers per socket before it hands a frame over in parts. Tomcat allocates
   * these buffers for every socket up front (64 KiB of chars and 64 KiB of bytes would be about 200
   * KB a socket, 4 GB for 20,000 sockets); a move or a request fits whole, and larger frames are
   * gathered by the handler up to {@link #CONTAINER_FRAME_LIMIT}.
   */
  static final int CONTAINER_TEXT_BUFFER = 2 * 1024;

  static final int CONTAINER_BINARY_BUFFER = 1024;

  private final GameSocketHandler handler;
  private final GatewayProperties properties;

  GatewayConfiguration(
      Lobby lobby,
      PlayerAuthenticator authenticator,
      ObjectProvider<ConnectionRecorder> recorders,
      ObjectProvider<Clock> clocks,
      GatewayProperties properties,
      MeterRegistry registry,
      Limits limits,
      AuditLog audit,
      JsonMapper json,
      Validator validator) {
    this.properties = properties;
    this.handler =
        new GameSocketHandler(
            lobby,
            authenticator,
            recorders.getIfAvailable(() -> ConnectionRecorder.NONE),
            properties,
            json,
            new CommandDecoder(validator),
            clocks.getIfAvailable(Clock::systemUTC),
            limits,
            audit,
            CONTAINER_FRAME_LIMIT);
    Gauge.builder("hokm.sockets.connected", handler, GameSocketHandler::connectionCount)
        .description("Open WebSocket connections")
        .register(registry);
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(handler, "/ws")
        .addInterceptors(handler.handshakeInterceptor())
        .setAllowedOriginPatterns(properties.allowedOrigins().toArray(new String[0]));
  }

  /** On every instance: a player's sessions were revoked, wherever that happened. */
  @EventListener
  void tokensRevoked(TokensRevoked revoked) {
    handler.revoked(revoked.playerId(), revoked.tokenVersion());
  }

  @Bean
  static ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER);
    container.setMaxBinaryMessageBufferSize(CONTAINER_BINARY_BUFFER);
    return container;
  }

  /**
   * Tomcat's read and write buffers per connection: 4 KiB instead of 8 KiB each (8 KB less a
   * socket, 160 MB less at 20,000 sockets). Frames are small; a larger request or response takes
   * more reads or writes.
   */
  @Bean
  TomcatConnectorCustomizer smallSocketBuffers() {
    return connector -> {
      for (String property : new String[] {"socket.appReadBufSize", "socket.appWriteBufSize"}) {
        if (!connector.setProperty(property, "4096")) {
          log.warn("Tomcat did not take {}", property);
        }
      }
    };
  }

  @Override
  public void destroy() {
    handler.shutdown();
  }

  /** On shutdown, tells every client to reconnect before the web server stops. */
  @Bean
  SmartLifecycle closeSocketsOnShutdown() {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        running = true;
      }

      @Override
      public void stop() {
        // Only the sockets: a stopped context may be started again (a test context is paused
        // while another runs), and the handler's threads stay for that; they end with the bean.
        running = false;
        handler.closeAll();
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        // Before the web server's graceful shutdown, so clients hear why they are closed.
        return Integer.MAX_VALUE;
      }
    };
  }
}
