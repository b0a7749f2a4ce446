package hokm.journal.internal;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A few Redis writes sent together and awaited together, on the shared Lettuce connection: one
 * round trip, no new connection. (Spring Data's {@code executePipelined} takes a dedicated
 * connection, which without a pool means connecting to Redis anew for every call: on the move path
 * that cost milliseconds per move.) Commands are sent in the order given; the call returns when all
 * have answered, and throws if one failed or the timeout passed.
 */
final class RedisWrites {
  private interface Op {
    RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> redis);

    void sync(StringRedisConnection redis);
  }

  private final List<Op> ops = new ArrayList<>();

  static void run(StringRedisTemplate template, Duration timeout, Consumer<RedisWrites> write) {
    RedisWrites writes = new RedisWrites();
    write.accept(writes);
    if (writes.ops.isEmpty()) {
      return;
    }
    template.execute(
        (RedisCallback<Void>)
            connection -> {
              Object nativeConnection = connection.getNativeConnection();
              if (nativeConnection instanceof RedisClusterAsyncCommands<?, ?> raw) {
                @SuppressWarnings("unchecked")
                RedisClusterAsyncCommands<byte[], byte[]> async =
                    (RedisClusterAsyncCommands<byte[], byte[]>) raw;
                List<RedisFuture<?>> futures = new ArrayList<>(writes.ops.size());
                for (Op op : writes.ops) {
                  futures.add(op.async(async));
                }
                if (!LettuceFutures.awaitAll(timeout, futures.toArray(RedisFuture[]::new))) {
                  throw new RedisCommandTimeoutException("Redis did not answer within " + timeout);
                }
              } else {
                // Not Lettuce: send the writes as a pipeline instead.
                template.executePipelined(
                    (RedisCallback<Object>)
                        pipelined -> {
                          StringRedisConnection string =
                              new DefaultStringRedisConnection(pipelined);
                          for (Op op : writes.ops) {
                            op.sync(string);
                          }
                          return null;
                        });
              }
              return null;
            });
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[][] b(String[] s) {
    byte[][] out = new byte[s.length][];
    for (int i = 0; i < s.length; i++) {
      out[i] = b(s[i]);
    }
    return out;
  }

  void rPush(String key, String... values) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.rpush(b(key), b(values));
          }

          public void sync(StringRedisConnection r) {
            r.rPush(key, values);
          }
        });
  }

  void hSet(String key, String field, String value) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.hset(b(key), b(field), b(value));
          }

          public void sync(StringRedisConnection r) {
            r.hSet(key, field, value);
          }
        });
  }

  void hMSet(String key, Map<String, String> values) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            Map<byte[], byte[]> bytes = new LinkedHashMap<>();
            values.forEach((k, v) -> bytes.put(b(k), b(v)));
            return r.hmset(b(key), bytes);
          }

          public void sync(StringRedisConnection r) {
            r.hMSet(key, values);
          }
        });
  }

  void expire(String key, long seconds) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.expire(b(key), seconds);
          }

          public void sync(StringRedisConnection r) {
            r.expire(key, seconds);
          }
        });
  }

  void sAdd(String key, String... members) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.sadd(b(key), b(members));
          }

          public void sync(StringRedisConnection r) {
            r.sAdd(key, members);
          }
        });
  }

  void sRem(String key, String... members) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.srem(b(key), b(members));
          }

          public void sync(StringRedisConnection r) {
            r.sRem(key, members);
          }
        });
  }

  void del(String... keys) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.del(b(keys));
          }

          public void sync(StringRedisConnection r) {
            r.del(keys);
          }
        });
  }
}
