package hokm.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hokm.table.MatchmakingProperties;
import hokm.table.internal.Matchmaking.Waiter;
import hokm.testsupport.VirtualTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Quick match's decisions, on a clock that moves only when the test moves it. */
class MatchmakingTest {
  private static final MatchmakingProperties WINDOWS =
      new MatchmakingProperties(5, 1, 30, Duration.ofSeconds(1));

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-03-01T12:00:00Z"));
  private final Clock clock = time.clock();
  private final Matchmaking matchmaking = new Matchmaking(WINDOWS);

  private Waiter waiter(double ordinal) {
    return new Waiter(UUID.randomUUID(), ordinal, clock.instant());
  }

  @Test
  void theWindowStartsSmallWidensWithWaitingAndStopsAtItsMaximum() {
    Waiter waiting = waiter(10);
    assertThat(matchmaking.window(waiting, clock.instant())).isEqualTo(5);
    time.advance(Duration.ofMillis(2500));
    assertThat(matchmaking.window(waiting, clock.instant())).isCloseTo(7.5, within(1e-9));
    time.advance(Duration.ofSeconds(60));
    assertThat(matchmaking.window(waiting, clock.instant())).isEqualTo(30);
  }

  @Test
  void twoPlayersMatchOnceTheLongerWaitersWindowHoldsTheOther() {
    Waiter early = waiter(0);
    time.advance(Duration.ofSeconds(4));
    Waiter late = waiter(9);
    // The early one's window is 9 now, the newcomer's 5.
    assertThat(matchmaking.compatible(early, late, clock.instant())).isTrue();
    Waiter far = waiter(9.5);
    assertThat(matchmaking.compatible(early, far, clock.instant())).isFalse();
    time.advance(Duration.ofMillis(500));
    assertThat(matchmaking.compatible(early, far, clock.instant())).isTrue();
  }

  @Test
  void aNewcomerJoinsTheNearestTableThatAcceptsThemOrOpensOne() {
    List<List<Waiter>> groups =
        List.of(List.of(waiter(0), waiter(2)), List.of(waiter(6)), List.of(waiter(20)));
    // 4 is within 5 of the first table's players and of the second's; the second is nearer.
    assertThat(matchmaking.place(groups, waiter(4), clock.instant())).isEqualTo(1);
    // 3: both accept it and both are 3 away at worst; the older table wins.
    assertThat(matchmaking.place(groups, waiter(3), clock.instant())).isEqualTo(0);
    assertThat(matchmaking.place(groups, waiter(12.5), clock.instant())).isEqualTo(-1);
    time.advance(Duration.ofSeconds(3));
    // Everyone waiting has a window of 8 now: 12.5 fits the second table (6.5 away).
    assertThat(matchmaking.place(groups, waiter(12.5), clock.instant())).isEqualTo(1);
  }

  @Test
  void aFullTableTakesNobody() {
    List<List<Waiter>> groups = List.of(List.of(waiter(0), waiter(0), waiter(0), waiter(0)));
    assertThat(matchmaking.place(groups, waiter(0), clock.instant())).isEqualTo(-1);
  }

  @Test
  void waitingTablesMergeWhenTheWindowsHaveWidenedEnough() {
    List<List<Waiter>> groups =
        List.of(List.of(waiter(0), waiter(3)), List.of(waiter(12)), List.of(waiter(20)));
    assertThat(matchmaking.merge(groups, clock.instant())).isNull();
    time.advance(Duration.ofSeconds(2));
    assertThat(matchmaking.merge(groups, clock.instant())).isNull();
    time.advance(Duration.ofSeconds(1));
    // Windows of 8: the third table's player may join the second's, into the older table.
    assertThat(matchmaking.merge(groups, clock.instant())).containsExactly(2, 1);
    List<List<Waiter>> merged =
        List.of(groups.get(0), List.of(groups.get(1).get(0), groups.get(2).get(0)));
    time.advance(Duration.ofSeconds(11));
    assertThat(matchmaking.merge(merged, clock.instant())).as("20 apart, windows 19").isNull();
    time.advance(Duration.ofSeconds(1));
    assertThat(matchmaking.merge(merged, clock.instant())).containsExactly(1, 0);
  }

  @Test
  void tablesThatWouldHoldMoreThanFourDoNotMerge() {
    List<List<Waiter>> groups =
        List.of(List.of(waiter(0), waiter(0), waiter(0)), List.of(waiter(0), waiter(0)));
    assertThat(matchmaking.merge(groups, clock.instant())).isNull();
  }

  /** The seats each occupant of seats 0..3 is moved to, and the teams that makes. */
  private static int[] teamsAfter(double... ordinals) {
    int[] to = Matchmaking.balance(ordinals);
    int[] team = new int[4];
    for (int s = 0; s < 4; s++) {
      team[s] = to[s] % 2 + 1;
    }
    return team;
  }

  @Test
  void theStrongestAndTheWeakestPlayTheMiddleTwo() {
    // Seats 0..3 hold ordinals 30, 20, 10, 0: seats 0 and 2 (30 + 10) would face 20 + 0.
    int[] team = teamsAfter(30, 20, 10, 0);
    assertThat(team[0]).as("the strongest and the weakest together").isEqualTo(team[3]);
    assertThat(team[1]).as("the middle two together").isEqualTo(team[2]);
    assertThat(team[0]).isNotEqualTo(team[1]);
    // Balanced already: nobody moves.
    assertThat(Matchmaking.balance(new double[] {30, 20, 0, 10})).containsExactly(0, 1, 2, 3);
  }

  @Test
  void equalPlayersStayWhereTheySatAndFewestMovesWin() {
    assertThat(Matchmaking.balance(new double[] {0, 0, 0, 0})).containsExactly(0, 1, 2, 3);
    int[] to = Matchmaking.balance(new double[] {30, 0, 20, 10});
    // Team 1 (seats 0, 2) should be 30 + 0 against 20 + 10: two players swap.
    int moved = 0;
    for (int s = 0; s < 4; s++) {
      moved += to[s] == s ? 0 : 1;
    }
    assertThat(moved).isEqualTo(2);
    assertThat(to[0] % 2).isEqualTo(to[1] % 2);
  }
}
