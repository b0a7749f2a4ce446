// The replay viewer: a finished game (GET /api/games/{id}/replay) step by step, every hand visible.

import { h, name } from '../dom.js';
import { t, tParts, num } from '../i18n.js';
import { cardFace, cardLabel, same, sortHand } from '../cards.js';
import { teamOf } from '../game.js';

const clone = (hands) => hands.map((cards) => [...cards]);

/** Every position of the game, in order: the deal of each hand, the trump, each card, each trick. */
export function buildSteps(replay) {
  const steps = [];
  let scores = { team1: 0, team2: 0 };
  if (replay.hakemChosen) {
    steps.push({
      kind: 'ceremony',
      handIndex: 0,
      handNumber: 1,
      hakem: replay.hakemChosen.hakem,
      firstSeat: replay.hakemChosen.firstSeat,
      dealt: replay.hakemChosen.dealt,
      trump: null,
      hands: [[], [], [], []],
      table: [],
      tricks: { team1: 0, team2: 0 },
      scores: { ...scores },
    });
  }
  replay.hands.forEach((hand, handIndex) => {
    const hands = clone(hand.deal);
    const tricks = { team1: 0, team2: 0 };
    const base = () => ({
      handIndex,
      handNumber: hand.handNumber,
      hakem: hand.hakem,
      trump: null,
      hands: clone(hands),
      tricks: { ...tricks },
      scores: { ...scores },
    });
    steps.push({ ...base(), kind: 'dealt', table: [] });
    if (!hand.trump) return;
    steps.push({ ...base(), kind: 'trump', trump: hand.trump, table: [] });
    const play = (cards, winner, number) => {
      const table = [];
      for (const played of cards) {
        hands[played.seat] = hands[played.seat].filter((c) => !same(c, played.card));
        table.push(played);
        steps.push({
          ...base(),
          kind: 'played',
          trump: hand.trump,
          seat: played.seat,
          card: played.card,
          table: [...table],
        });
      }
      if (winner != null) {
        tricks[`team${teamOf(winner)}`]++;
        steps.push({ ...base(), kind: 'trick', trump: hand.trump, winner, number, table: [...table] });
      }
    };
    for (const trick of hand.tricks || []) play(trick.cards, trick.winner, trick.number);
    if (hand.unfinishedTrick) play(hand.unfinishedTrick, null, null);
    if (hand.result) {
      scores = hand.result.scores;
      steps.push({ ...base(), kind: 'handOver', trump: hand.trump, result: hand.result, table: [] });
    } else {
      steps.push({ ...base(), kind: 'unfinished', trump: hand.trump, table: [] });
    }
  });
  const last = steps[steps.length - 1];
  steps.push({
    ...(last || { handIndex: 0, handNumber: 0, hands: [[], [], [], []], tricks: {}, scores: {} }),
    kind: 'end',
    table: [],
    scores: replay.result.scores || last?.scores || { team1: 0, team2: 0 },
    result: replay.result,
  });
  return steps;
}

function seatName(replay, seat) {
  const info = replay.seats.find((s) => s.seat === seat);
  if (!info) return h('span', null, '?');
  if (info.bot) return h('span', null, t('seat.bot'));
  return name(info.username);
}

function teamLabel(team) {
  return t('team.n', { team });
}

function caption(replay, step) {
  switch (step.kind) {
    case 'ceremony':
      return tParts('replay.ceremony', {
        name: seatName(replay, step.firstSeat),
        hakem: seatName(replay, step.hakem),
      });
    case 'dealt':
      return tParts('replay.dealt', { hand: step.handNumber, name: seatName(replay, step.hakem) });
    case 'trump':
      return tParts('event.trumpChosen', {
        name: seatName(replay, step.hakem),
        suit: t(`suit.${step.trump}`),
      });
    case 'played':
      return tParts('replay.played', { name: seatName(replay, step.seat), card: cardLabel(step.card) });
    case 'trick':
      return tParts('replay.trick', { number: step.number, name: seatName(replay, step.winner) });
    case 'handOver': {
      const r = step.result;
      const w = r.winnerTeam;
      const key = r.hakemKot ? 'event.hakemKot' : r.kot ? 'event.kot' : 'event.handWon';
      return [
        t(key, {
          team: teamLabel(w),
          tricks1: r.tricks[`team${w}`],
          tricks2: r.tricks[`team${3 - w}`],
          points: r.points,
        }),
      ];
    }
    case 'unfinished':
      return [t('replay.unfinished')];
    case 'end': {
      const r = step.result;
      const s = step.scores;
      let text = '';
      if (r.winnerTeam) {
        text = t('event.gameWon', {
          team: teamLabel(r.winnerTeam),
          score1: s[`team${r.winnerTeam}`] ?? 0,
          score2: s[`team${3 - r.winnerTeam}`] ?? 0,
        });
      }
      if (r.reason && r.reason !== 'finished') text = `${text} ${t(`event.reason.${r.reason}`)}`.trim();
      return [t('replay.end', { result: text })];
    }
    default:
      return [];
  }
}

export class ReplayViewer {
  constructor(replay, bottomSeat) {
    this.replay = replay;
    this.steps = buildSteps(replay);
    this.index = 0;
    this.bottom = bottomSeat ?? 0;
  }

  go(index) {
    this.index = Math.max(0, Math.min(this.steps.length - 1, index));
  }

  /** To the first step of the next (+1) or previous (-1) hand. */
  hand(direction) {
    const current = this.steps[this.index].handIndex;
    const target = current + direction;
    const found = this.steps.findIndex((s) => s.handIndex === target && s.kind !== 'ceremony');
    if (found >= 0) this.go(found);
    else this.go(direction > 0 ? this.steps.length - 1 : 0);
  }

  position(seat) {
    return (seat - this.bottom + 4) % 4;
  }

  render(onChange) {
    const step = this.steps[this.index];
    const control = (id, label, symbol, action) =>
      h(
        'button',
        {
          type: 'button',
          class: 'replay-button',
          id: `replay-${id}`,
          'aria-label': label,
          title: label,
          dataset: { focus: `replay-${id}` },
          onclick: () => {
            action();
            onChange();
          },
        },
        h('span', { 'aria-hidden': 'true' }, symbol),
      );
    const slots = [null, null, null, null];
    for (const played of step.table) slots[this.position(played.seat)] = played.card;
    let winner = step.kind === 'trick' ? this.position(step.winner) : null;
    if (step.kind === 'ceremony') {
      // The whole face-up deal: each seat shows the last card it was given.
      step.dealt.forEach((card, i) => {
        slots[this.position((step.firstSeat + i) % 4)] = card;
      });
      winner = this.position(step.hakem);
    }
    const hands = [0, 1, 2, 3].map((seat) =>
      h(
        'section',
        {
          class: `replay-seat pos-${this.position(seat)} team-${teamOf(seat)}`,
          'aria-label': `${t(`seat.pos.${this.position(seat)}`)}, ${t('seat.team', { team: teamOf(seat) })}`,
        },
        h(
          'div',
          { class: 'seat-name' },
          seatName(this.replay, seat),
          step.hakem === seat ? h('span', { class: 'badge hakem-badge' }, t('table.hakem')) : null,
        ),
        h(
          'div',
          { class: 'replay-hand', role: 'group', 'aria-label': t('table.yourHand') },
          sortHand(step.hands[seat] || [], step.trump).map((card) => cardFace(card, 'small')),
        ),
      ),
    );
    const tally = (counts) =>
      [1, 2].map((team) =>
        h(
          'div',
          { class: `tally team-${team}` },
          h('span', { class: 'tally-team' }, teamLabel(team)),
          h('span', { class: 'tally-value' }, num(counts[`team${team}`] ?? 0)),
        ),
      );
    return h(
      'div',
      {
        class: 'replay-view',
        tabindex: '-1',
        onkeydown: (event) => this.keys(event, onChange),
      },
      h('h1', null, t('replay.title')),
      h(
        'div',
        { class: 'replay-controls', role: 'toolbar', 'aria-label': t('replay.title') },
        control('first', t('replay.first'), '|◀', () => this.go(0)),
        control('prev-hand', t('replay.prevHand'), '◀◀', () => this.hand(-1)),
        control('prev', t('replay.prev'), '◀', () => this.go(this.index - 1)),
        h(
          'span',
          { class: 'replay-step', 'aria-live': 'polite' },
          t('replay.step', { step: this.index + 1, total: this.steps.length }),
        ),
        control('next', t('replay.next'), '▶', () => this.go(this.index + 1)),
        control('next-hand', t('replay.nextHand'), '▶▶', () => this.hand(1)),
        control('last', t('replay.last'), '▶|', () => this.go(this.steps.length - 1)),
      ),
      h('p', { class: 'replay-caption', id: 'replay-caption' }, caption(this.replay, step)),
      h(
        'div',
        { class: 'board replay-board' },
        hands,
        h(
          'div',
          { class: 'center' },
          h(
            'div',
            { class: 'trick', role: 'group', 'aria-label': t('table.trick') },
            slots.map((card, pos) =>
              h('div', { class: `slot slot-${pos}${winner === pos ? ' is-winner' : ''}` }, card ? cardFace(card) : null),
            ),
          ),
        ),
      ),
      h(
        'aside',
        { class: 'info' },
        step.handNumber ? h('div', { class: 'info-row' }, t('table.hand', { hand: step.handNumber })) : null,
        h(
          'div',
          { class: 'info-row trump' },
          h('span', { class: 'info-label' }, t('table.trump')),
          step.trump
            ? h('span', { class: 'info-value' }, t(`suit.${step.trump}`))
            : h('span', { class: 'info-value muted' }, t('table.trump.none')),
        ),
        h('div', { class: 'info-row tallies' }, h('span', { class: 'info-label' }, t('table.tricks')), tally(step.tricks)),
        h(
          'div',
          { class: 'info-row tallies scores' },
          h('span', { class: 'info-label' }, t('table.scores', { target: this.replay.rules.targetPoints })),
          tally(step.scores),
        ),
      ),
    );
  }

  keys(event, onChange) {
    const rtl = document.documentElement.dir === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    const actions = {
      [forward]: () => this.go(this.index + 1),
      [back]: () => this.go(this.index - 1),
      Home: () => this.go(0),
      End: () => this.go(this.steps.length - 1),
      PageDown: () => this.hand(1),
      PageUp: () => this.hand(-1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
    onChange();
  }
}
