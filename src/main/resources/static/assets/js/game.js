// What the client knows of its table: built from table_state, kept current by each table event in
// seq order. A gap in seq is not patched over: the caller asks for a fresh table_state (sync).

import { same, sortHand } from './cards.js';

export function fromState(frame) {
  const model = {
    tableId: frame.tableId,
    seq: frame.seq,
    code: frame.code || null,
    mySeat: frame.you ? frame.you.seat : null,
    status: frame.status,
    phase: frame.phase,
    seats: frame.seats.map((s) => ({ ...s })),
    targetPoints: frame.targetPoints,
    kot: frame.kot,
    turnSeconds: frame.turnSeconds,
    botLevel: frame.botLevel ?? 'normal',
    private: frame.private,
    handNumber: frame.handNumber ?? 0,
    hakem: frame.hakem ?? null,
    trump: frame.trump ?? null,
    table: frame.table ? frame.table.map((p) => ({ ...p })) : [],
    tricks: frame.tricks ?? { team1: 0, team2: 0 },
    scores: frame.scores ?? { team1: 0, team2: 0 },
    turn: frame.turn ?? null,
    cards: sortHand(frame.cards ?? [], frame.trump),
    legal: frame.legal ?? [],
    winnerTeam: frame.winnerTeam ?? null,
    endReason: frame.endReason ?? null,
    ceremony: null,
    lastTrick: null,
    handResult: null,
    rematchVotes: new Set(),
    pending: false,
    news: null,
  };
  return model;
}

export function teamOf(seat) {
  return seat % 2 === 0 ? 1 : 2;
}

export function isLegal(model, card) {
  return model.legal.some((c) => same(c, card));
}

/** Whether it is this player's decision now. */
export function myTurn(model) {
  return model.mySeat != null && model.turn != null && model.turn.seat === model.mySeat;
}

/**
 * Applies one table event (already checked to be the next seq). Returns a short note for the
 * announcement line, or null.
 */
export function apply(model, frame) {
  model.seq = frame.seq;
  switch (frame.type) {
    case 'player_joined':
      model.seats[frame.seat] = { ...frame.player };
      return { key: 'event.joined', seat: frame.seat };
    case 'player_left': {
      const seat = model.seats[frame.seat];
      const note = { key: 'event.left', seat: frame.seat, name: seat.username };
      model.seats[frame.seat] = frame.bot
        ? { ...seat, username: 'Bot', bot: true, connected: true, empty: false }
        : { seat: frame.seat, team: teamOf(frame.seat), username: null, bot: false, connected: false, empty: true };
      model.rematchVotes.delete(frame.seat);
      return frame.bot ? note : null;
    }
    case 'player_disconnected':
      model.seats[frame.seat].connected = false;
      return { key: 'event.disconnected', seat: frame.seat };
    case 'player_reconnected':
      model.seats[frame.seat].connected = true;
      return { key: 'event.reconnected', seat: frame.seat };
    case 'game_started':
      model.status = 'playing';
      model.phase = 'waiting';
      model.handNumber = 0;
      model.scores = { team1: 0, team2: 0 };
      model.tricks = { team1: 0, team2: 0 };
      model.winnerTeam = null;
      model.endReason = null;
      model.handResult = null;
      model.lastTrick = null;
      model.rematchVotes.clear();
      model.table = [];
      model.cards = [];
      model.legal = [];
      return frame.gameNumber > 1 ? { key: 'event.newGame' } : null;
    case 'hakem_chosen':
      model.hakem = frame.hakem;
      model.ceremony = {
        hakem: frame.hakem,
        firstSeat: frame.firstSeat,
        dealt: frame.dealt,
        shown: 0,
      };
      return null;
    case 'hand_started':
      model.handNumber = frame.handNumber;
      model.hakem = frame.hakem;
      model.trump = null;
      model.table = [];
      model.lastTrick = null;
      model.tricks = { team1: 0, team2: 0 };
      model.phase = 'choosing_trump';
      model.cards = [];
      model.legal = [];
      if (frame.handNumber > 1) model.ceremony = null;
      return null;
    case 'cards_dealt':
      if (frame.hand) model.cards = sortHand(frame.hand, model.trump);
      return null;
    case 'turn':
      model.turn = { seat: frame.seat, deadline: frame.deadline };
      model.phase = frame.phase;
      model.legal = frame.legal ?? [];
      model.pending = false;
      return null;
    case 'trump_chosen':
      model.trump = frame.trump;
      model.phase = 'playing';
      model.cards = sortHand(model.cards, model.trump);
      model.handResult = null;
      return { key: 'event.trumpChosen', seat: frame.hakem, suit: frame.trump };
    case 'card_played':
      if (model.table.length === 0) model.lastTrick = null;
      model.ceremony = null;
      model.handResult = null;
      model.table.push({ seat: frame.seat, card: frame.card });
      if (frame.seat === model.mySeat) {
        model.cards = model.cards.filter((c) => !same(c, frame.card));
        model.pending = false;
      }
      model.legal = [];
      model.turn = null;
      return null;
    case 'trick_won':
      model.tricks = frame.tricks;
      model.lastTrick = { cards: model.table, winner: frame.seat };
      model.table = [];
      return null;
    case 'hand_over':
      model.tricks = frame.tricks;
      model.scores = frame.scores;
      model.turn = null;
      model.legal = [];
      model.handResult = frame;
      return {
        key: frame.hakemKot ? 'event.hakemKot' : frame.kot ? 'event.kot' : 'event.handWon',
        result: frame,
      };
    case 'game_over':
      model.status = 'over';
      model.phase = 'game_over';
      model.scores = frame.scores;
      model.winnerTeam = frame.winnerTeam;
      model.endReason = frame.reason;
      model.turn = null;
      model.legal = [];
      model.pending = false;
      return null;
    case 'rematch_requested':
      model.rematchVotes.add(frame.seat);
      return null;
    case 'table_closed':
      model.status = 'closed';
      model.turn = null;
      return null;
    default:
      return null;
  }
}
