package hokm.table.internal;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.table.GameRecorder;
import hokm.table.Message;
import hokm.table.PlayerRef;
import hokm.table.TableClient;
import hokm.table.TableOptions;
import hokm.table.TableProperties;
import hokm.table.TableSnapshot;
import hokm.table.TableStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A table restored from its snapshot (as Redis keeps it) deals the rest of the game exactly as the
 * table it was taken from: the snapshot carries the deal secret, and the restored table draws none.
 * Timers run on a virtual clock, one at a time, so nothing depends on the machine's speed.
 */
class TableRestoreTest {
  private static final TableOptions OPTIONS = new TableOptions(false, 3, true, 300, true);
  private static final PlayerRef PLAYER = new PlayerRef(UUID.randomUUID(), "restorer");

  /** A fixed secret, so the game (and so the test) is the same every run. */
  private static final byte[] SECRET =
      java.util.HexFormat.of()
          .parseHex("8f0c53e1a2b4d6f7091b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071");

  @Test
  void aRestoredTableDealsTheSameHandsAsTheTableItWasTakenFrom() {
    ManualTimers timers = new ManualTimers();
    Table original =
        new Table(UUID.randomUUID(), null, OPTIONS, false, context(timers, SECRET::clone));
    Client first = new Client("first");
    original
        .mailbox()
        .execute(
            () -> {
              original.open();
              original.seat(first, -1, null, true);
            });
    // Into the first hand: trump chosen and a few tricks played (every turn is a timer).
    for (int i = 0; i < 12; i++) {
      assertThat(timers.runNext()).isTrue();
    }
    assertThat(first.dealt()).as("a hand under way").isNotEmpty();
    assertThat(first.count("game_over")).isZero();

    List<TableSnapshot> taken = new ArrayList<>();
    original.mailbox().execute(() -> taken.add(original.fullSnapshot()));
    // Through JSON, as the Redis copy holds it.
    JsonMapper json = JsonMapper.builder().build();
    TableSnapshot snapshot =
        json.readValue(json.writeValueAsString(taken.get(0)), TableSnapshot.class);
    assertThat(snapshot.dealSecret()).isEqualTo(SECRET);
    int dealtBefore = first.dealt().size();

    ManualTimers restoredTimers = new ManualTimers();
    Table restored =
        Table.restore(
            snapshot,
            context(
                restoredTimers,
                () -> {
                  throw new AssertionError("a restored game draws no new secret");
                }));
    Client second = new Client("second");
    restored.mailbox().execute(() -> restored.reattach(second));
    assertThat(second.last("table_state").get("cards")).isEqualTo(cardsInHand(first));

    playToTheEnd(timers, first);
    playToTheEnd(restoredTimers, second);
    List<Object> dealtAfter = first.dealt().subList(dealtBefore, first.dealt().size());
    assertThat(dealtAfter).as("later hands were dealt").hasSizeGreaterThanOrEqualTo(3);
    assertThat(second.dealt()).isEqualTo(dealtAfter);
    // The same result (seq differs: the restored table also announced the reconnection).
    for (String field : List.of("winnerTeam", "scores", "reason")) {
      assertThat(second.last("game_over").get(field))
          .as(field)
          .isEqualTo(first.last("game_over").get(field));
    }
  }

  @Test
  void aTableFromBeforeDealSecretsGoesOnFromItsSeedAndItsNextGameGetsASecret() {
    long seed = 42L;
    List<TableSnapshot.Seat> seats = new ArrayList<>();
    seats.add(new TableSnapshot.Seat(PLAYER, false));
    for (int i = 1; i < 4; i++) {
      seats.add(new TableSnapshot.Seat(null, true));
    }
    // As a Redis copy written before deal secrets: a seed and no secret.
    TableSnapshot old =
        new TableSnapshot(
            UUID.randomUUID(),
            null,
            OPTIONS,
            false,
            "playing",
            UUID.randomUUID(),
            1,
            seed,
            null,
            0,
            0,
            seats,
            List.of());
    ManualTimers timers = new ManualTimers();
    Table restored = Table.restore(old, context(timers, SECRET::clone));
    Client client = new Client("old");
    restored.mailbox().execute(() -> restored.reattach(client));
    assertThat(client.last("table_state").get("cards"))
        .isEqualTo(Wire.cards(hokm.engine.Game.start(seed, OPTIONS.rules()).hand(0)));
    playToTheEnd(timers, client);
    List<TableSnapshot> taken = new ArrayList<>();
    restored.mailbox().execute(() -> taken.add(restored.fullSnapshot()));
    assertThat(taken.get(0).dealSecret()).isNull();
    assertThat(taken.get(0).moves().get(0).data()).containsKey("handSeed");

    restored.mailbox().execute(() -> restored.rematch(client, null));
    assertThat(client.count("game_started")).isEqualTo(1);
    restored.mailbox().execute(() -> taken.add(restored.fullSnapshot()));
    assertThat(taken.get(1).dealSecret()).isEqualTo(SECRET);
    assertThat(taken.get(1).moves().get(0).data()).doesNotContainKey("handSeed");
  }

  private static void playToTheEnd(ManualTimers timers, Client client) {
    for (int i = 0; i < 10_000 && client.count("game_over") == 0; i++) {
      assertThat(timers.runNext()).as("a timer is pending until the game is over").isTrue();
    }
    assertThat(client.count("game_over")).isEqualTo(1);
  }

  /** The cards the client holds now: its last deal's hand without the cards it played since. */
  private static Object cardsInHand(Client client) {
    List<Object> hand = null;
    for (Message frame : client.frames) {
      if (frame.type().equals("cards_dealt")) {
        hand = new ArrayList<>((List<?>) frame.get("hand"));
      } else if (frame.type().equals("card_played") && hand != null) {
        if (frame.get("seat").equals(client.seat())) {
          hand.remove(frame.get("card"));
        }
      }
    }
    return hand;
  }

  private static TableContext context(ManualTimers timers, Supplier<byte[]> secrets) {
    TableProperties properties =
        new TableProperties(
            30,
            5,
            300,
            Duration.ofSeconds(60),
            Duration.ofSeconds(3),
            Duration.ofMillis(800),
            Duration.ofSeconds(20),
            Duration.ofSeconds(120),
            1,
            50,
            Duration.ofSeconds(2));
    return new TableContext(
        properties,
        Runnable::run,
        timers,
        GameRecorder.NONE,
        TableStore.NONE,
        new TableMetrics(new SimpleMeterRegistry()),
        new TableContext.Host() {
          @Override
          public void released(PlayerRef player, Table table) {}

          @Override
          public void closed(Table table) {}
        },
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        secrets);
  }

  /** A socket that keeps every frame it is sent. */
  private static final class Client implements TableClient {
    final String id;
    final List<Message> frames = new ArrayList<>();

    Client(String id) {
      this.id = id;
    }

    @Override
    public String connectionId() {
      return id;
    }

    @Override
    public PlayerRef player() {
      return PLAYER;
    }

    @Override
    public void send(Message message) {
      frames.add(message);
    }

    /** The cards of every cards_dealt frame, in order. */
    List<Object> dealt() {
      List<Object> dealt = new ArrayList<>();
      for (Message frame : frames) {
        if (frame.type().equals("cards_dealt")) {
          dealt.add(frame.get("cards"));
        }
      }
      return dealt;
    }

    long count(String type) {
      return frames.stream().filter(f -> f.type().equals(type)).count();
    }

    Message last(String type) {
      Message last = null;
      for (Message frame : frames) {
        if (frame.type().equals(type)) {
          last = frame;
        }
      }
      return last;
    }

    Object seat() {
      for (Message frame : frames) {
        if (frame.type().equals("table_state")
            && frame.get("you") instanceof java.util.Map<?, ?> you) {
          return you.get("seat");
        }
      }
      return null;
    }
  }

  /** Timers on a virtual clock: {@link #runNext} runs the earliest one that is not cancelled. */
  private static final class ManualTimers extends AbstractExecutorService
      implements ScheduledExecutorService {
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long now;
    private long scheduled;

    private final class Pending extends FutureTask<Object> implements ScheduledFuture<Object> {
      final long at;
      final long order = scheduled++;

      Pending(Runnable task, long at) {
        super(task, null);
        this.at = at;
      }

      @Override
      public long getDelay(TimeUnit unit) {
        return unit.convert(at - now, TimeUnit.NANOSECONDS);
      }

      @Override
      public int compareTo(Delayed other) {
        Pending that = (Pending) other;
        int byTime = Long.compare(at, that.at);
        return byTime != 0 ? byTime : Long.compare(order, that.order);
      }
    }

    boolean runNext() {
      Pending next;
      while ((next = pending.poll()) != null) {
        if (!next.isCancelled()) {
          now = next.at;
          next.run();
          return true;
        }
      }
      return false;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      Pending timer = new Pending(task, now + unit.toNanos(delay));
      pending.add(timer);
      return timer;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(
        Runnable task, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable task, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void execute(Runnable task) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
