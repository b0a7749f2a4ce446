// The table: four seats with the player at the bottom and the partner opposite, the trick in the
// middle, hakem, trump, tricks and scores, the player's hand and what they may do now.

import { h, name } from '../dom.js';
import { t, tParts, num } from '../i18n.js';
import { cardFace, cardLabel, key, SUITS, suitSign } from '../cards.js';
import { isLegal, myTurn, teamOf } from '../game.js';

/** Where a seat sits on the screen: 0 bottom, 1 right, 2 top, 3 left (play goes that way). */
export function position(model, seat) {
  const base = model.mySeat ?? 0;
  return (seat - base + 4) % 4;
}

function myTeam(model) {
  return model.mySeat == null ? null : teamOf(model.mySeat);
}

/** "We" / "They" for a player, "Team 1" / "Team 2" for a spectator. */
export function teamName(model, team) {
  const mine = myTeam(model);
  if (mine == null) return t('team.n', { team });
  return team === mine ? t('team.us') : t('team.them');
}

/** A seat's name as a node: "You", "Bot" or the player's own name (not translated). */
export function seatName(model, seat) {
  const info = model.seats[seat];
  if (seat === model.mySeat) return h('span', null, t('seat.you'));
  if (!info || info.empty) return h('span', null, t('seat.empty'));
  if (info.bot) return h('span', null, t('seat.bot'));
  return name(info.username);
}

function seatNameText(model, seat) {
  const info = model.seats[seat];
  if (seat === model.mySeat) return t('seat.you');
  if (!info || info.empty) return t('seat.empty');
  if (info.bot) return t('seat.bot');
  return info.username;
}

function secondsLeft(deadline, now) {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

function countdown(deadline, now) {
  const seconds = secondsLeft(deadline, now);
  return h(
    'span',
    {
      class: 'countdown',
      dataset: { deadline: String(deadline) },
      role: 'timer',
      'aria-label': t('table.timeLeft', { seconds }),
    },
    t('table.seconds', { seconds }),
  );
}

/** Keeps every countdown on the page current; called a few times a second. */
export function tick(root, now) {
  for (const el of root.querySelectorAll('.countdown')) {
    const seconds = secondsLeft(Number(el.dataset.deadline), now);
    const text = t('table.seconds', { seconds });
    if (el.textContent !== text) {
      el.textContent = text;
      el.setAttribute('aria-label', t('table.timeLeft', { seconds }));
    }
  }
}

function seatView(model, seat, now) {
  const info = model.seats[seat];
  const pos = position(model, seat);
  const turn = model.turn && model.turn.seat === seat;
  const partner = model.mySeat != null && seat !== model.mySeat && teamOf(seat) === myTeam(model);
  const extras = [];
  if (info.bot) extras.push(t('seat.bot'));
  if (model.hakem === seat && model.status !== 'waiting') extras.push(t('table.hakem'));
  if (partner) extras.push(t('seat.partner'));
  if (!info.empty && !info.connected) extras.push(t('seat.disconnected'));
  if (turn) extras.push(t('seat.turn'));
  if (model.rematchVotes.has(seat)) extras.push(t('table.rematch.wants'));
  const label = t('seat.label', {
    pos: t(`seat.pos.${pos}`),
    name: seatNameText(model, seat),
    team: teamName(model, teamOf(seat)),
    extra: extras.length ? `, ${extras.join(', ')}` : '',
  });
  const classes = ['seat', `pos-${pos}`, `team-${teamOf(seat)}`];
  if (turn) classes.push('is-turn');
  if (info.empty) classes.push('is-empty');
  if (!info.empty && !info.connected) classes.push('is-away');
  return h(
    'section',
    { class: classes.join(' '), 'aria-label': label, dataset: { seat: String(seat) } },
    h('div', { class: 'seat-name' }, seatName(model, seat)),
    h(
      'div',
      { class: 'seat-badges', 'aria-hidden': 'true' },
      h('span', { class: `badge team-badge team-${teamOf(seat)}` }, teamName(model, teamOf(seat))),
      info.bot ? h('span', { class: 'badge bot-badge' }, t('seat.bot')) : null,
      model.hakem === seat && model.status !== 'waiting'
        ? h('span', { class: 'badge hakem-badge' }, t('table.hakem'))
        : null,
      partner ? h('span', { class: 'badge partner-badge' }, t('seat.partner')) : null,
      !info.empty && !info.bot
        ? h(
            'span',
            { class: `badge conn-badge ${info.connected ? 'on' : 'off'}` },
            info.connected ? t('seat.connected') : t('seat.disconnected'),
          )
        : null,
      model.rematchVotes.has(seat)
        ? h('span', { class: 'badge rematch-badge' }, t('table.rematch.wants'))
        : null,
    ),
    turn ? countdown(model.turn.deadline, now) : null,
  );
}

function centerView(model) {
  const slots = [null, null, null, null];
  let caption = null;
  let winner = null;
  if (model.table.length > 0) {
    for (const played of model.table) slots[position(model, played.seat)] = played.card;
  } else if (model.lastTrick) {
    for (const played of model.lastTrick.cards) slots[position(model, played.seat)] = played.card;
    winner = position(model, model.lastTrick.winner);
    caption = tParts('table.lastTrick', { name: seatName(model, model.lastTrick.winner) });
  } else if (model.ceremony) {
    const c = model.ceremony;
    for (let i = 0; i < c.shown; i++) {
      slots[position(model, (c.firstSeat + i) % 4)] = c.dealt[i];
    }
    const done = c.shown >= c.dealt.length;
    if (done) winner = position(model, c.hakem);
    caption = done
      ? tParts('table.ceremony.done', { name: seatName(model, c.hakem) })
      : [t('table.ceremony')];
  }
  return h(
    'div',
    { class: 'center' },
    h(
      'div',
      {
        class: 'trick',
        role: 'group',
        'aria-label': t('table.trick'),
        dataset: { played: String(model.table.length) },
      },
      slots.map((card, pos) =>
        h(
          'div',
          { class: `slot slot-${pos}${winner === pos ? ' is-winner' : ''}` },
          card ? cardFace(card) : null,
        ),
      ),
    ),
    caption ? h('p', { class: 'trick-caption' }, caption) : null,
  );
}

function infoView(model) {
  const teams = model.mySeat == null ? [1, 2] : [myTeam(model), 3 - myTeam(model)];
  const score = (counts) =>
    teams.map((team) =>
      h(
        'div',
        { class: `tally team-${team}` },
        h('span', { class: 'tally-team' }, teamName(model, team)),
        h('span', { class: 'tally-value' }, num(counts[`team${team}`])),
      ),
    );
  return h(
    'aside',
    { class: 'info', 'aria-label': t('table.hand', { hand: model.handNumber }) },
    model.handNumber
      ? h('div', { class: 'info-row hand-number' }, t('table.hand', { hand: model.handNumber }))
      : null,
    h(
      'div',
      { class: 'info-row trump' },
      h('span', { class: 'info-label' }, t('table.trump')),
      model.trump
        ? h('span', { class: 'info-value' }, suitSign(model.trump), ' ', t(`suit.${model.trump}`))
        : h('span', { class: 'info-value muted' }, t('table.trump.none')),
    ),
    model.hakem != null && model.status !== 'waiting'
      ? h(
          'div',
          { class: 'info-row hakem' },
          h('span', { class: 'info-label' }, t('table.hakem')),
          h('span', { class: 'info-value' }, seatName(model, model.hakem)),
        )
      : null,
    h('div', { class: 'info-row tallies' }, h('span', { class: 'info-label' }, t('table.tricks')), score(model.tricks)),
    h(
      'div',
      { class: 'info-row tallies scores' },
      h('span', { class: 'info-label' }, t('table.scores', { target: model.targetPoints })),
      score(model.scores),
    ),
    h(
      'div',
      { class: 'info-row bot-level', dataset: { level: model.botLevel } },
      h('span', { class: 'info-label' }, t('table.botLevel')),
      h('span', { class: 'info-value' }, t(`botLevel.${model.botLevel}`)),
    ),
  );
}

function statusLine(model) {
  if (model.status === 'waiting') return t('table.waiting');
  if (model.status !== 'playing' || !model.turn) return '';
  if (myTurn(model)) {
    return model.phase === 'choosing_trump' ? t('table.chooseTrump') : t('table.yourTurn.play');
  }
  return model.phase === 'choosing_trump'
    ? tParts('table.choosingTrump', { name: seatName(model, model.turn.seat) })
    : tParts('table.waitingFor', { name: seatName(model, model.turn.seat) });
}

function handView(model, actions) {
  if (model.mySeat == null) return null;
  const playing = myTurn(model) && model.phase === 'playing' && !model.pending;
  const cards = model.cards.map((card) => {
    const playable = playing && isLegal(model, card);
    return h(
      'button',
      {
        type: 'button',
        class: `hand-card${playable ? ' is-legal' : ''}`,
        'aria-disabled': playable ? 'false' : 'true',
        'aria-label': playable ? cardLabel(card) : `${cardLabel(card)}, ${t('card.notPlayable')}`,
        dataset: { focus: `card-${key(card)}`, card: key(card) },
        onclick: (event) => {
          // The DOM says what may be played; the server has the last word and may refuse.
          if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;
          actions.playCard(card);
        },
        onkeydown: (event) => moveFocus(event),
      },
      cardFace(card),
    );
  });
  return h(
    'div',
    { class: `hand${playing ? ' is-playing' : ''}`, role: 'group', 'aria-label': t('table.yourHand') },
    cards,
  );
}

/** Arrow keys walk the hand (in reading order, so right to left in Persian). */
function moveFocus(event) {
  const keys = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1, Home: -100, End: 100 };
  if (!(event.key in keys)) return;
  const buttons = [...event.currentTarget.parentElement.querySelectorAll('button')];
  const here = buttons.indexOf(event.currentTarget);
  let step = keys[event.key];
  if (document.documentElement.dir === 'rtl' && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
    step = -step;
  }
  const next = Math.max(0, Math.min(buttons.length - 1, here + step));
  buttons[next].focus();
  event.preventDefault();
}

function trumpChooser(model, actions) {
  if (!(myTurn(model) && model.phase === 'choosing_trump')) return null;
  return h(
    'div',
    { class: 'trump-chooser', role: 'group', 'aria-label': t('table.chooseTrump') },
    h('p', { class: 'chooser-title' }, t('table.chooseTrump')),
    h(
      'div',
      { class: 'chooser-buttons' },
      SUITS.map((suit) =>
        h(
          'button',
          {
            type: 'button',
            class: `suit-button suit-${suit}`,
            dataset: { focus: `trump-${suit}`, suit },
            disabled: model.pending,
            onclick: () => actions.chooseTrump(suit),
          },
          suitSign(suit),
          ' ',
          t(`suit.${suit}`),
        ),
      ),
    ),
  );
}

function invitePanel(model, actions) {
  if (model.status !== 'waiting' || !model.code) return null;
  const link = `${location.origin}/#/join/${model.code}`;
  return h(
    'section',
    { class: 'panel invite', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, t('table.invite')),
    h('p', null, t('table.invite.hint')),
    h(
      'p',
      { class: 'invite-code' },
      t('table.code'),
      ': ',
      h('bdi', { class: 'code', translate: 'no', id: 'table-code' }, model.code),
    ),
    h('input', {
      class: 'invite-link',
      id: 'invite-link',
      readonly: true,
      value: link,
      dir: 'ltr',
      translate: 'no',
      'aria-label': t('table.invite'),
    }),
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => actions.copyInvite(link) },
      t('table.copy'),
    ),
  );
}

function resultText(model) {
  const scores = model.scores;
  const mine = myTeam(model);
  const parts = [];
  if (model.winnerTeam && mine != null) {
    const a = scores[`team${mine}`];
    const b = scores[`team${3 - mine}`];
    parts.push(
      t(model.winnerTeam === mine ? 'event.youWon' : 'event.youLost', { score1: a, score2: b }),
    );
  } else if (model.winnerTeam) {
    const w = model.winnerTeam;
    parts.push(
      t('event.gameWon', {
        team: teamName(model, w),
        score1: scores[`team${w}`],
        score2: scores[`team${3 - w}`],
      }),
    );
  }
  if (model.endReason && model.endReason !== 'finished') {
    parts.push(t(`event.reason.${model.endReason}`));
  }
  return parts.join(' ');
}

export function handResultText(model, result) {
  const w = result.winnerTeam;
  const key = result.hakemKot ? 'event.hakemKot' : result.kot ? 'event.kot' : 'event.handWon';
  return t(key, {
    team: teamName(model, w),
    tricks1: result.tricks[`team${w}`],
    tricks2: result.tricks[`team${3 - w}`],
    points: result.points,
  });
}

function gameOverPanel(model, actions) {
  if (model.status !== 'over' && model.status !== 'closed') return null;
  const asked = model.mySeat != null && model.rematchVotes.has(model.mySeat);
  return h(
    'section',
    { class: 'panel game-over', role: 'status', 'aria-live': 'polite' },
    model.status === 'over' || model.winnerTeam
      ? h('h2', { class: 'game-result' }, resultText(model))
      : null,
    model.status === 'closed' ? h('p', null, t('table.closed')) : null,
    h(
      'div',
      { class: 'actions' },
      model.status === 'over' && model.mySeat != null
        ? h(
            'button',
            {
              type: 'button',
              class: 'primary',
              id: 'rematch',
              dataset: { focus: 'rematch' },
              disabled: asked,
              onclick: () => actions.rematch(),
            },
            asked ? t('table.rematch.asked') : t('table.rematch'),
          )
        : null,
      model.status === 'closed'
        ? h('button', { type: 'button', class: 'secondary', onclick: () => actions.backToLobby() }, t('table.backToLobby'))
        : null,
    ),
  );
}

export function renderTable(model, actions, now, note) {
  const spectator = model.mySeat == null;
  const seats = [0, 1, 2, 3].map((seat) => seatView(model, seat, now));
  const handResult =
    model.handResult && model.status === 'playing'
      ? h('p', { class: 'hand-result' }, handResultText(model, model.handResult))
      : model.handResult && model.status !== 'waiting'
        ? h('p', { class: 'hand-result' }, handResultText(model, model.handResult))
        : null;
  return h(
    'div',
    { class: `table-view status-${model.status}${spectator ? ' is-spectator' : ''}` },
    spectator ? h('p', { class: 'spectating' }, t('table.spectating')) : null,
    invitePanel(model, actions),
    h(
      'div',
      { class: 'board' },
      seats,
      centerView(model),
    ),
    infoView(model),
    h(
      'div',
      { class: 'announce', role: 'status', 'aria-live': 'polite', id: 'announce' },
      handResult,
      note ? h('p', { class: 'note' }, note) : null,
    ),
    h('p', { class: 'status-line', id: 'status-line' }, statusLine(model)),
    gameOverPanel(model, actions),
    trumpChooser(model, actions),
    handView(model, actions),
    h(
      'div',
      { class: 'table-actions' },
      model.status !== 'closed'
        ? h(
            'button',
            { type: 'button', class: 'secondary', id: 'leave', onclick: () => actions.leave() },
            spectator ? t('table.stopWatching') : t('table.leave'),
          )
        : null,
    ),
  );
}
