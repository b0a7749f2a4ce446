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
 * @param botLevel how well the table's bots play (null reads as {@link BotLevel#NORMAL}, as for
 *     tables saved before levels existed)
 */
public record TableOptions(
    boolean privateTable,
    int targetPoints,
    boolean kot,
    int turnSeconds,
    boolean fillWithBots,
    BotLevel botLevel) {

  public TableOptions {
    if (botLevel == null) {
      botLevel = BotLevel.NORMAL;
    }
  }

  /** A table whose bots play at {@link BotLevel#NORMAL}. */
  public TableOptions(
      boolean privateTable, int targetPoints, boolean kot, int turnSeconds, boolean fillWithBots) {
    this(privateTable, targetPoints, kot, turnSeconds, fillWithBots, BotLevel.NORMAL);
  }

  public Rules rules() {
    return new Rules(targetPoints, kot);
  }
}
