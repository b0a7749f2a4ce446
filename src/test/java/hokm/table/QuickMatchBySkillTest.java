package hokm.table;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.table.internal.BotMoves;
import hokm.testsupport.VirtualTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quick match by skill, in a whole lobby whose mailboxes run on the calling thread and whose clock
 * and timers are virtual: the test moves time, and what would wait for it happens at once.
 */
class QuickMatchBySkillTest {
  private static final Duration BOT_WAIT = Duration.ofSeconds(20);

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T12:00:00Z"));
  private final Map<UUID, Double> ordinals = new HashMap<>();
  private final Lobby lobby = lobby();

  private Lobby lobby() {
    TableProperties tables =
        new TableProperties(
            30,
            5,
            300,
            Duration.ofSeconds(60),
            Duration.ofSeconds(3),
            Duration.ofMillis(800),
            BOT_WAIT,
            Duration.ofSeconds(120),
            1,
            50,
            Duration.ofSeconds(2));
    PlayerRatings ratings =
        new PlayerRatings() {
          @Override
          public double ordinal(UUID player) {
            return ordinals.getOrDefault(player, DEFAULT_ORDINAL);
          }

          @Override
          public double botOrdinal(BotLevel level) {
            return 22;
          }
        };
    return new Lobby(
        tables,
        new MatchmakingProperties(5, 1, 30, Duration.ofSeconds(1)),
        GameRecorder.NONE,
        TableStore.NONE,
        ratings,
        time.clock(),
        new SimpleMeterRegistry(),
        new BotMoves(
            new BotProperties(1, 0, 200, 200, Duration.ZERO), null, new SimpleMeterRegistry()),
        time,
        time);
  }

  @AfterEach
  void stop() throws InterruptedException {
    lobby.shutdown();
  }

  /** A player's socket: it keeps every frame. */
  private final class Client implements TableClient {
    final PlayerRef player;
    final List<Message> frames = new ArrayList<>();

    Client(String name, double ordinal) {
      player = new PlayerRef(UUID.randomUUID(), name);
      ordinals.put(player.id(), ordinal);
    }

    @Override
    public String connectionId() {
      return "socket-" + player.username();
    }

    @Override
    public PlayerRef player() {
      return player;
    }

    @Override
    public void send(Message message) {
      frames.add(message);
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

    String table() {
      return (String) last("table_state").get("tableId");
    }

    int seat() {
      return (Integer) ((Map<?, ?>) last("table_state").get("you")).get("seat");
    }

    int team() {
      return seat() % 2 + 1;
    }

    boolean started() {
      return last("game_started") != null;
    }
  }

  private Client ask(String name, double ordinal) {
    Client client = new Client(name, ordinal);
    lobby.quickMatch(client, false, BotLevel.NORMAL, name);
    assertThat(client.last("table_state")).as(name + " is seated at once").isNotNull();
    return client;
  }

  @Test
  void playersWaitWithPlayersOfTheirStrengthAndWindowsWidenUntilAllFourPlay() {
    Client ann = ask("ann", 0);
    Client cat = ask("cat", 3);
    Client ben = ask("ben", 12);
    Client dan = ask("dan", 20);
    assertThat(cat.table()).as("3 is within 5 of 0").isEqualTo(ann.table());
    assertThat(ben.table()).as("12 is too far from 0 and 3").isNotEqualTo(ann.table());
    assertThat(dan.table()).as("20 is too far from 12").isNotEqualTo(ben.table());
    String bens = ben.table();

    time.advance(Duration.ofSeconds(2));
    assertThat(dan.table()).as("windows of 7 after 2 s").isNotEqualTo(bens);
    time.advance(Duration.ofSeconds(1));
    assertThat(dan.table()).as("windows of 8 hold 12 and 20").isEqualTo(bens);
    assertThat(ben.last("player_joined")).isNotNull();

    time.advance(Duration.ofSeconds(11));
    assertThat(ben.table()).as("0 and 20 are 20 apart, windows 19").isEqualTo(bens);
    assertThat(ann.started()).isFalse();
    time.advance(Duration.ofSeconds(1));
    // The newer table's players moved to the older one, which is now full: the game starts
    // before the bots' wait is over, and the teams are the strongest and the weakest (dan, ann)
    // against the middle two (ben, cat).
    for (Client client : List.of(ann, cat, ben, dan)) {
      assertThat(client.table()).isEqualTo(ann.table());
      assertThat(client.started()).as(client.player.username()).isTrue();
      assertThat(client.frames.get(client.frames.indexOf(client.last("game_started")) - 1).type())
          .as("a fresh state, with the seat, just before the game starts")
          .isEqualTo("table_state");
    }
    assertThat(List.of(ann.seat(), cat.seat(), ben.seat(), dan.seat()))
        .containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(dan.team()).isEqualTo(ann.team());
    assertThat(ben.team()).isEqualTo(cat.team()).isNotEqualTo(ann.team());
  }

  @Test
  void botsFillOnlyAfterTheWaitAndTheWideningNeverPullsInTheImpossible() {
    Client alone = ask("alone", 0);
    Client far = ask("far", 40);
    assertThat(far.table()).isNotEqualTo(alone.table());
    time.advance(BOT_WAIT.minusMillis(1));
    assertThat(alone.started()).as("no bots before the wait").isFalse();
    assertThat(far.table())
        .as("40 apart: beyond the widest window (30)")
        .isNotEqualTo(alone.table());
    time.advance(Duration.ofMillis(1));
    assertThat(alone.started()).isTrue();
    assertThat(far.started()).isTrue();
    assertThat(alone.frames)
        .filteredOn(f -> f.type().equals("player_joined"))
        .extracting(f -> (Object) ((Map<?, ?>) f.get("player")).get("bot"))
        .containsExactly(true, true, true);
  }

  @Test
  void botsCountWithTheirLevelsRatingWhenTheTeamsAreSplit() {
    Client low = ask("low", 10);
    Client high = ask("high", 30);
    time.advance(Duration.ofSeconds(15));
    assertThat(high.table()).as("20 apart: windows of 20 after 15 s").isEqualTo(low.table());
    assertThat(low.seat() % 2).as("seated in turn: opponents").isNotEqualTo(high.seat() % 2);
    time.advance(BOT_WAIT.minusSeconds(15));
    assertThat(low.started()).isTrue();
    // Two bots at 22 each: 10 + 30 against 22 + 22 is the closest split, so the humans are
    // partners now (with bots at 0 they would have stayed opponents).
    assertThat(low.team()).isEqualTo(high.team());
  }

  @Test
  void aGuestCountsAsANewPlayerAndPlayersWhoAskForBotsStartAtOnce() {
    Client guest = new Client("guest-1", PlayerRatings.DEFAULT_ORDINAL);
    lobby.quickMatch(guest, false, BotLevel.NORMAL, "q");
    Client newcomer = ask("newcomer", 4);
    assertThat(newcomer.table()).isEqualTo(guest.table());
    Client hurried = new Client("hurried", 0);
    lobby.quickMatch(hurried, true, BotLevel.NORMAL, "b");
    assertThat(hurried.started()).isTrue();
    assertThat(hurried.table()).isNotEqualTo(guest.table());
  }

  @Test
  void aPlayerWhoLeavesNoLongerHoldsAPlaceForOthers() {
    Client first = ask("first", 0);
    lobby.leave(first, "l");
    assertThat(first.last("left")).isNotNull();
    Client second = ask("second", 25);
    time.advance(Duration.ofSeconds(5));
    assertThat(second.started()).isFalse();
    Client third = ask("third", 0);
    assertThat(third.table()).isNotEqualTo(first.table()).isNotEqualTo(second.table());
    assertThat(lobby.tableCount()).as("the table the first player left is closed").isEqualTo(2);
  }
}
