package hokm.engine;

import java.util.List;

/**
 * A completed trick of the current hand.
 *
 * @param number 1-based number of the trick within its hand
 * @param leader the seat that led it
 * @param cards the four cards in the order played
 * @param winner the seat that won it
 */
public record Trick(int number, int leader, List<PlayedCard> cards, int winner) {}
