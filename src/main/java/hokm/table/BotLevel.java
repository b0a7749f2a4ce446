package hokm.table;

/**
 * How well a table's bots play: every bot at the table, in its own seat or for a player who ran out
 * of time or is away, plays at the table's level.
 */
public enum BotLevel {
  /** A beginner ({@code EasyBot}): legal, sensible cards, but it counts none. */
  EASY("easy", "easy"),
  /** The heuristic ({@code HeuristicBot}): counts cards, plays like a careful human. */
  NORMAL("normal", "heuristic"),
  /** The search ({@code SearchBot}): looks ahead over the deals its seat could be facing. */
  HARD("hard", "search");

  /** What a client may send, for messages. */
  public static final String CHOICES = "\"easy\", \"normal\" or \"hard\"";

  private final String wireName;
  private final String botKind;

  BotLevel(String wireName, String botKind) {
    this.wireName = wireName;
    this.botKind = botKind;
  }

  /** The name on the wire and in the database: {@code easy}, {@code normal}, {@code hard}. */
  public String wireName() {
    return wireName;
  }

  /** The bot a seat is recorded with ({@code game_participants.bot_kind}). */
  public String botKind() {
    return botKind;
  }

  /** The level with this wire name, or null. */
  public static BotLevel fromWireName(String name) {
    for (BotLevel level : values()) {
      if (level.wireName.equals(name)) {
        return level;
      }
    }
    return null;
  }
}
