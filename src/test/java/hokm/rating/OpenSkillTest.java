package hokm.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the ratings do, in words; the numbers themselves are checked by the vectors. */
class OpenSkillTest {
  private static final Rating NEW = OpenSkill.initial();

  @Test
  void aNewPlayerStartsAtTheDefaultsWithOrdinalZero() {
    assertThat(NEW.mu()).isEqualTo(25);
    assertThat(NEW.sigma()).isEqualTo(25.0 / 3);
    assertThat(NEW.ordinal()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void winnersGoUpLosersGoDownAndEveryoneIsSurer() {
    List<List<Rating>> after = OpenSkill.rate(List.of(NEW, NEW), List.of(NEW, NEW), 2);
    for (Rating loser : after.get(0)) {
      assertThat(loser.mu()).isLessThan(NEW.mu());
      assertThat(loser.sigma()).isLessThan(NEW.sigma());
    }
    for (Rating winner : after.get(1)) {
      assertThat(winner.mu()).isGreaterThan(NEW.mu());
      assertThat(winner.ordinal()).isGreaterThan(NEW.ordinal());
    }
  }

  @Test
  void beatingStrongerPlayersIsWorthMoreThanBeatingWeakerOnes() {
    Rating strong = new Rating(32, 2);
    Rating weak = new Rating(18, 2);
    double againstStrong =
        OpenSkill.rate(List.of(NEW, NEW), List.of(strong, strong), 1).get(0).get(0).mu();
    double againstWeak =
        OpenSkill.rate(List.of(NEW, NEW), List.of(weak, weak), 1).get(0).get(0).mu();
    assertThat(againstStrong).isGreaterThan(againstWeak);
  }

  @Test
  void theLessCertainPartnerTakesMoreOfTheTeamsUpdate() {
    Rating known = new Rating(25, 1);
    List<List<Rating>> after = OpenSkill.rate(List.of(NEW, known), List.of(NEW, NEW), 1);
    assertThat(after.get(0).get(0).mu() - NEW.mu())
        .isGreaterThan(10 * (after.get(0).get(1).mu() - known.mu()));
  }

  @Test
  void theOrderOfTheTeamsDoesNotMatterOnlyTheirRanks() {
    Rating a = new Rating(27, 5);
    Rating b = new Rating(21, 3);
    List<List<Rating>> forward = OpenSkill.rate(List.of(List.of(a), List.of(b)), new int[] {1, 2});
    List<List<Rating>> backward = OpenSkill.rate(List.of(List.of(b), List.of(a)), new int[] {2, 1});
    assertThat(forward.get(0)).isEqualTo(backward.get(1));
    assertThat(forward.get(1)).isEqualTo(backward.get(0));
  }

  @Test
  void malformedGamesAreRefused() {
    assertThatThrownBy(() -> OpenSkill.rate(List.of(NEW), List.of(NEW), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenSkill.rate(List.of(List.of(NEW), List.of()), new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenSkill.rate(List.of(List.of(NEW)), new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
