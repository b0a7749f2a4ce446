package hokm.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** A Redis 7 server run from the binary on the classpath, for development and tests only. */
public final class EmbeddedRedisServer implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private EmbeddedRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server on the loopback interface; it keeps nothing on disk. */
  public static EmbeddedRedisServer start(int port) {
    int chosen = port > 0 ? port : freePort();
    RedisServer server =
        RedisServer.builder()
            .port(chosen)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    server.start();
    return new EmbeddedRedisServer(server, chosen);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Stops the server process (to see the application carry on without Redis). */
  public void stop() {
    server.stop();
  }

  /** Starts the server process again on the same port, empty. */
  public void restart() {
    server.start();
  }

  @Override
  public void close() {
    server.stop();
  }
}
