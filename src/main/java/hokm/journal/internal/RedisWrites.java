package hokm.journal.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A few Redis writes sent together on the shared Lettuce connection: no new connection, and no
 * thread waits for the answer. (Spring Data's {@code executePipelined} takes a dedicated
 * connection, which without a pool means connecting to Redis anew for every call: on the move path
 * that cost milliseconds per move.) Commands are sent in the order given, after every command sent
 * before on the connection; the future completes with their replies when all have answered, and
 * exceptionally if one failed.
 */
final class RedisWrites {
  private interface Op {
    RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> redis);

    Object sync(StringRedisConnection redis);
  }

  private final List<Op> ops = new ArrayList<>();

  static CompletableFuture<List<Object>> send(
      StringRedisTemplate template, Consumer<RedisWrites> write) {
    RedisWrites writes = new RedisWrites();
    write.accept(writes);
    if (writes.ops.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return template.execute(
        (RedisCallback<CompletableFuture<List<Object>>>)
            connection -> {
              Object nativeConnection = connection.getNativeConnection();
              if (nativeConnection instanceof RedisClusterAsyncCommands<?, ?> raw) {
                @SuppressWarnings("unchecked")
                RedisClusterAsyncCommands<byte[], byte[]> async =
                    (RedisClusterAsyncCommands<byte[], byte[]>) raw;
                List<CompletableFuture<?>> futures = new ArrayList<>(writes.ops.size());
                for (Op op : writes.ops) {
                  futures.add(op.async(async).toCompletableFuture());
                }
                return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .thenApply(
                        done -> {
                          List<Object> replies = new ArrayList<>(futures.size());
                          for (CompletableFuture<?> future : futures) {
                            replies.add(future.join());
                          }
                          return replies;
                        });
              }
              // Not Lettuce: send the writes as a pipeline instead, and wait for them.
              try {
                List<Object> replies =
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
                return CompletableFuture.completedFuture(replies);
              } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
              }
            });
  }

  /** Runs a Lua script; its reply is an integer. */
  void eval(String script, String[] keys, String... args) {
    byte[] body = b(script);
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.eval(body, ScriptOutputType.INTEGER, b(keys), b(args));
          }

          public Object sync(StringRedisConnection r) {
            String[] keysAndArgs = new String[keys.length + args.length];
            System.arraycopy(keys, 0, keysAndArgs, 0, keys.length);
            System.arraycopy(args, 0, keysAndArgs, keys.length, args.length);
            return r.eval(script, ReturnType.INTEGER, keys.length, keysAndArgs);
          }
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

          public Object sync(StringRedisConnection r) {
            return r.rPush(key, values);
          }
        });
  }

  void hSet(String key, String field, String value) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.hset(b(key), b(field), b(value));
          }

          public Object sync(StringRedisConnection r) {
            return r.hSet(key, field, value);
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

          public Object sync(StringRedisConnection r) {
            r.hMSet(key, values);
            return null;
          }
        });
  }

  void expire(String key, long seconds) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.expire(b(key), seconds);
          }

          public Object sync(StringRedisConnection r) {
            return r.expire(key, seconds);
          }
        });
  }

  void sAdd(String key, String... members) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.sadd(b(key), b(members));
          }

          public Object sync(StringRedisConnection r) {
            return r.sAdd(key, members);
          }
        });
  }

  void sRem(String key, String... members) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.srem(b(key), b(members));
          }

          public Object sync(StringRedisConnection r) {
            return r.sRem(key, members);
          }
        });
  }

  void del(String... keys) {
    ops.add(
        new Op() {
          public RedisFuture<?> async(RedisClusterAsyncCommands<byte[], byte[]> r) {
            return r.del(b(keys));
          }

          public Object sync(StringRedisConnection r) {
            return r.del(keys);
          }
        });
  }
}
