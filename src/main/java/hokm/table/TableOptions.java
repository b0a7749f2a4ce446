package hokm.table;

import hokm.engine.Rules;

/**
 * The settings a table is created with.
 *
 * @param privateTable joined only with its code
 * @param targetPoints points to win, 1..13
 * @param kot whether kot and hakem kot score extra
 * @param turnSeconds time for each decision
 * @param fillWithBots start at once, with bots in the empty seats
 */
public record TableOptions(
    boolean privateTable, int targetPoints, boolean kot, int turnSeconds, boolean fillWithBots) {

  public Rules rules() {
    return new Rules(targetPoints, kot);
  }
}
