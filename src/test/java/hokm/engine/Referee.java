package hokm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.engine.GameEvent.CardPlayed;
import hokm.engine.GameEvent.CardsDealt;
import hokm.engine.GameEvent.GameOver;
import hokm.engine.GameEvent.HandOver;
import hokm.engine.GameEvent.HandStarted;
import hokm.engine.GameEvent.TrickWon;
import hokm.engine.GameEvent.TrumpChosen;
import java.util.ArrayList;
import java.util.List;

/** The rules again, written plainly, to check the engine's every event against. */
public final class Referee {
  final Rules rules;
  final List<GameEvent> log = new ArrayList<>();
  final List<List<Card>> hands =
      List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  final List<Card> dealtThisHand = new ArrayList<>();
  final List<Card> playedThisHand = new ArrayList<>();
  final List<PlayedCard> trick = new ArrayList<>();
  final int[] tricks = new int[3];
  final int[] scores = new int[3];
  Suit trump;
  int hakem;
  int turn;
  int hand;
  boolean choosing;
  boolean over;

  public Referee(Rules rules) {
    this.rules = rules;
  }

  public void opening(List<GameEvent> events) {
    log.addAll(events);
    GameEvent.HakemChosen ceremony = (GameEvent.HakemChosen) events.get(0);
    hakem = ceremony.hakem();
    expectNewHand(events.subList(1, events.size()), 1);
  }

  private void expectNewHand(List<GameEvent> events, int number) {
    assertThat(events.get(0)).isEqualTo(new HandStarted(number, hakem));
    hand = number;
    trump = null;
    choosing = true;
    turn = hakem;
    tricks[1] = 0;
    tricks[2] = 0;
    dealtThisHand.clear();
    playedThisHand.clear();
    for (int i = 0; i < 4; i++) {
      CardsDealt dealt = (CardsDealt) events.get(1 + i);
      assertThat(dealt.seat()).isEqualTo((hakem + i) % 4);
      assertThat(dealt.cards().size()).isEqualTo(5);
      hands.get(dealt.seat()).clear();
      hands.get(dealt.seat()).addAll(dealt.cards().toList());
      dealtThisHand.addAll(dealt.cards().toList());
    }
    assertThat(events).hasSize(5);
  }

  public Rejection rejectionOf(Move move) {
    if (move instanceof Move.ChooseTrump choose) {
      if (choose.seat() < 0 || choose.seat() > 3) {
        return Rejection.INVALID_SEAT;
      }
      if (!choosing || over) {
        return Rejection.WRONG_PHASE;
      }
      return choose.seat() == hakem ? null : Rejection.NOT_HAKEM;
    }
    Move.PlayCard play = (Move.PlayCard) move;
    if (play.seat() < 0 || play.seat() > 3) {
      return Rejection.INVALID_SEAT;
    }
    if (choosing || over) {
      return Rejection.WRONG_PHASE;
    }
    if (play.seat() != turn) {
      return Rejection.NOT_YOUR_TURN;
    }
    List<Card> held = hands.get(play.seat());
    if (!held.contains(play.card())) {
      return Rejection.CARD_NOT_IN_HAND;
    }
    if (!trick.isEmpty()) {
      Suit led = trick.get(0).card().suit();
      if (play.card().suit() != led && held.stream().anyMatch(c -> c.suit() == led)) {
        return Rejection.MUST_FOLLOW_SUIT;
      }
    }
    return null;
  }

  public void accepted(Move move, List<GameEvent> events) {
    log.addAll(events);
    if (move instanceof Move.ChooseTrump choose) {
      trump = choose.suit();
      assertThat(events.get(0)).isEqualTo(new TrumpChosen(hakem, trump));
      assertThat(events).hasSize(5);
      for (int i = 0; i < 4; i++) {
        CardsDealt dealt = (CardsDealt) events.get(1 + i);
        assertThat(dealt.seat()).isEqualTo((hakem + i) % 4);
        assertThat(dealt.cards().size()).isEqualTo(8);
        hands.get(dealt.seat()).addAll(dealt.cards().toList());
        dealtThisHand.addAll(dealt.cards().toList());
        assertThat(CardSet.of(hands.get(dealt.seat()))).isEqualTo(dealt.hand());
      }
      assertThat(dealtThisHand).hasSize(52).doesNotHaveDuplicates();
      choosing = false;
      return;
    }
    Move.PlayCard play = (Move.PlayCard) move;
    assertThat(events.get(0)).isEqualTo(new CardPlayed(play.seat(), play.card()));
    hands.get(play.seat()).remove(play.card());
    assertThat(playedThisHand).doesNotContain(play.card());
    playedThisHand.add(play.card());
    trick.add(new PlayedCard(play.seat(), play.card()));
    if (trick.size() < 4) {
      assertThat(events).hasSize(1);
      turn = (turn + 1) % 4;
      return;
    }
    PlayedCard best = trick.get(0);
    for (PlayedCard played : trick) {
      Card card = played.card();
      boolean beats =
          card.suit() == best.card().suit()
              ? card.rank().compareTo(best.card().rank()) > 0
              : card.suit() == trump;
      if (beats) {
        best = played;
      }
    }
    trick.clear();
    int winner = best.seat();
    int team = winner % 2 == 0 ? 1 : 2;
    tricks[team]++;
    assertThat(events.get(1))
        .isEqualTo(new TrickWon(winner, team, new TeamCounts(tricks[1], tricks[2])));
    turn = winner;
    if (tricks[team] < 7) {
      assertThat(events).hasSize(2);
      return;
    }
    int hakemTeam = hakem % 2 == 0 ? 1 : 2;
    int other = 3 - team;
    boolean kot = team == hakemTeam && tricks[other] == 0;
    boolean hakemKot = team != hakemTeam && tricks[other] == 0;
    int points = !rules.kotScoring() ? 1 : kot ? 2 : hakemKot ? 3 : 1;
    scores[team] += points;
    int nextHakem = team == hakemTeam ? hakem : (hakem + 1) % 4;
    assertThat(events.get(2))
        .isEqualTo(
            new HandOver(
                hand,
                team,
                points,
                kot,
                hakemKot,
                new TeamCounts(tricks[1], tricks[2]),
                new TeamCounts(scores[1], scores[2]),
                nextHakem));
    hakem = nextHakem;
    if (scores[team] >= rules.targetPoints()) {
      assertThat(events.get(3))
          .isEqualTo(new GameOver(team, new TeamCounts(scores[1], scores[2]), EndReason.FINISHED));
      assertThat(events).hasSize(4);
      over = true;
    } else {
      expectNewHand(events.subList(3, events.size()), hand + 1);
    }
  }

  public void finished() {
    assertThat(over).as("the game ended by reaching the target").isTrue();
    assertThat(Math.max(scores[1], scores[2])).isGreaterThanOrEqualTo(rules.targetPoints());
  }
}
