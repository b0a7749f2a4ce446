package hokm.platform.embedded;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded servers of this JVM. There is at most one of each, however many application contexts
 * start (tests start several): they share them, and the servers stop when the JVM exits.
 */
public final class EmbeddedServices {

  private static EmbeddedPostgresServer postgres;
  private static EmbeddedRedisServer redis;
  private static boolean hookRegistered;
  private static final Set<Object> users = Collections.newSetFromMap(new IdentityHashMap<>());

  private EmbeddedServices() {}

  static synchronized EmbeddedPostgresServer postgres(
      Path dataDirectory, int port, String appRole, String readonlyRole) {
    if (postgres == null) {
      postgres = EmbeddedPostgresServer.start(dataDirectory, port, appRole, readonlyRole);
      registerHook();
    }
    return postgres;
  }

  static synchronized EmbeddedRedisServer redis(int port) {
    if (redis == null) {
      redis = EmbeddedRedisServer.start(port);
      registerHook();
    }
    return redis;
  }

  /** The running embedded PostgreSQL, if this JVM started one. */
  public static synchronized Optional<EmbeddedPostgresServer> runningPostgres() {
    return Optional.ofNullable(postgres);
  }

  /** The running embedded Redis, if this JVM started one. */
  public static synchronized Optional<EmbeddedRedisServer> runningRedis() {
    return Optional.ofNullable(redis);
  }

  /** Notes that an application is configured to use the embedded servers. */
  static synchronized void acquire(Object application) {
    users.add(application);
  }

  /**
   * Notes that an application failed to start. When no other one uses the servers they are stopped
   * at once: the process reading Redis' output would otherwise keep the JVM alive.
   */
  static synchronized void release(Object application) {
    if (users.remove(application) && users.isEmpty()) {
      stopAll();
    }
  }

  /** Stops both servers; safe to call more than once. */
  public static synchronized void stopAll() {
    if (redis != null) {
      redis.close();
      redis = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  private static void registerHook() {
    if (!hookRegistered) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(EmbeddedServices::stopAll, "hokm-embedded-stop"));
      hookRegistered = true;
    }
  }
}
