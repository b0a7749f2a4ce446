import { h } from './dom.js';
import { num, t } from './i18n.js';

export const SUITS = ['spades', 'hearts', 'clubs', 'diamonds'];
export const SYMBOLS = { spades: '♠', hearts: '♥', diamonds: '♦', clubs: '♣' };
const RANKS = ['2', '3', '4', '5', '6', '7', '8', '9', '10', 'J', 'Q', 'K', 'A'];

export function key(card) {
  return `${card.suit}-${card.rank}`;
}

export function same(a, b) {
  return a && b && a.suit === b.suit && a.rank === b.rank;
}

export function rankValue(rank) {
  return RANKS.indexOf(rank);
}

/** A hand sorted by suit (colours alternating, the trump first once known), high cards first. */
export function sortHand(cards, trump) {
  const order = trump ? [trump, ...SUITS.filter((s) => s !== trump)] : SUITS;
  return [...cards].sort(
    (a, b) =>
      order.indexOf(a.suit) - order.indexOf(b.suit) || rankValue(b.rank) - rankValue(a.rank),
  );
}

export function rankName(rank) {
  return ['A', 'K', 'Q', 'J'].includes(rank) ? t(`rank.${rank}`) : num(Number(rank));
}

/** What a screen reader says for a card: "Queen of hearts". */
export function cardLabel(card) {
  return t('card.label', { rank: rankName(card.rank), suit: t(`suit.${card.suit}`) });
}

/** A card face: rank and suit sign, coloured by suit (four colours as an option). */
export function cardFace(card, extraClass = '') {
  return h(
    'span',
    {
      class: `card suit-${card.suit} ${extraClass}`.trim(),
      role: 'img',
      'aria-label': cardLabel(card),
      dataset: { card: key(card) },
    },
    h('span', { class: 'card-rank', 'aria-hidden': 'true', translate: 'no' }, card.rank),
    h('span', { class: 'card-suit', 'aria-hidden': 'true' }, SYMBOLS[card.suit]),
  );
}

export function suitSign(suit) {
  return h('span', { class: `suit-sign suit-${suit}`, 'aria-hidden': 'true' }, SYMBOLS[suit]);
}
