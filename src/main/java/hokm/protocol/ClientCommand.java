package hokm.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import hokm.engine.Rules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Every frame a client may send (docs/protocol.md, "Client to server"), named by its {@code type}.
 * Each carries the client's optional {@code id}, echoed as {@code replyTo}. Fields a client leaves
 * out (or sends as null) are null here; each constraint's message is what the client is told.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClientCommand.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ClientCommand.QuickMatch.class, name = "quick_match"),
  @JsonSubTypes.Type(value = ClientCommand.CreateTable.class, name = "create_table"),
  @JsonSubTypes.Type(value = ClientCommand.JoinTable.class, name = "join_table"),
  @JsonSubTypes.Type(value = ClientCommand.Spectate.class, name = "spectate"),
  @JsonSubTypes.Type(value = ClientCommand.LeaveTable.class, name = "leave_table"),
  @JsonSubTypes.Type(value = ClientCommand.ChooseTrump.class, name = "choose_trump"),
  @JsonSubTypes.Type(value = ClientCommand.PlayCard.class, name = "play_card"),
  @JsonSubTypes.Type(value = ClientCommand.Rematch.class, name = "rematch"),
  @JsonSubTypes.Type(value = ClientCommand.Sync.class, name = "sync"),
  @JsonSubTypes.Type(value = ClientCommand.Ping.class, name = "ping")
})
public sealed interface ClientCommand {
  int MAX_ID_LENGTH = 64;
  int MAX_TOKEN_LENGTH = 4096;
  int MAX_CODE_LENGTH = 32;

  String ID = "id must be a string of at most " + MAX_ID_LENGTH + " characters.";
  String TOKEN = "hello needs a token (a string).";
  String BOT_LEVEL = "botLevel must be \"easy\", \"normal\" or \"hard\".";
  String BOT_LEVELS = "^(easy|normal|hard)$";
  String CODE = "code must be letters and digits.";
  String CODE_PATTERN = "^[\\p{L}\\p{Nd}]+$";
  String TABLE_ID = "tableId must be a table's id.";
  String TABLE_ID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  String TARGET =
      "targetPoints must be a whole number from "
          + Rules.MIN_TARGET
          + " to "
          + Rules.MAX_TARGET
          + ".";
  String SEAT = "seat must be a whole number from 0 to 3.";

  /** The client's id for this frame, echoed as replyTo; null when it sent none. */
  String id();

  /** Authenticates the socket, or renews its token. */
  record Hello(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @NotNull(message = TOKEN)
          @Size(min = 1, max = MAX_TOKEN_LENGTH, message = TOKEN)
          @Mismatch(TOKEN)
          String token)
      implements ClientCommand {}

  /** A seat at the public table being filled for that bot level. */
  record QuickMatch(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @Mismatch("fillWithBots must be true or false.") Boolean fillWithBots,
      @Pattern(regexp = BOT_LEVELS, message = BOT_LEVEL) @Mismatch(BOT_LEVEL) String botLevel)
      implements ClientCommand {}

  /**
   * Opens a table. The range of {@code turnSeconds} is the server's to set ({@code
   * hokm.table.min-turn-seconds}, {@code max-turn-seconds}), so it is checked where those are
   * known.
   */
  record CreateTable(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @JsonProperty("private") @Mismatch("private must be true or false.") Boolean privateTable,
      @Min(value = Rules.MIN_TARGET, message = TARGET)
          @Max(value = Rules.MAX_TARGET, message = TARGET)
          @Mismatch(TARGET)
          Integer targetPoints,
      @Mismatch("kot must be true or false.") Boolean kot,
      @Mismatch("turnSeconds must be a whole number.") Integer turnSeconds,
      @Mismatch("fillWithBots must be true or false.") Boolean fillWithBots,
      @Pattern(regexp = BOT_LEVELS, message = BOT_LEVEL) @Mismatch(BOT_LEVEL) String botLevel)
      implements ClientCommand {}

  /** Takes a seat at a table, by its code or (public tables) its id. */
  record JoinTable(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @Size(min = 1, max = MAX_CODE_LENGTH, message = CODE)
          @Pattern(regexp = CODE_PATTERN, message = CODE)
          @Mismatch(CODE)
          String code,
      @Pattern(regexp = TABLE_ID_PATTERN, message = TABLE_ID) @Mismatch(TABLE_ID) String tableId,
      @Min(value = 0, message = SEAT) @Max(value = 3, message = SEAT) @Mismatch(SEAT) Integer seat)
      implements ClientCommand {

    @JsonIgnore
    @AssertTrue(message = "join_table needs code or tableId.")
    public boolean isAddressed() {
      return code != null || tableId != null;
    }

    /** The table's id, when the client gave one. */
    public UUID tableUuid() {
      return tableId == null ? null : UUID.fromString(tableId);
    }
  }

  /** Watches a table, by its id or (private tables) its code. */
  record Spectate(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @Pattern(regexp = TABLE_ID_PATTERN, message = TABLE_ID) @Mismatch(TABLE_ID) String tableId,
      @Size(min = 1, max = MAX_CODE_LENGTH, message = CODE)
          @Pattern(regexp = CODE_PATTERN, message = CODE)
          @Mismatch(CODE)
          String code)
      implements ClientCommand {

    @JsonIgnore
    @AssertTrue(message = "spectate needs tableId or code.")
    public boolean isAddressed() {
      return code != null || tableId != null;
    }

    /** The table's id, when the client gave one. */
    public UUID tableUuid() {
      return tableId == null ? null : UUID.fromString(tableId);
    }
  }

  /** Gives up the seat, or stops watching. */
  record LeaveTable(@Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id)
      implements ClientCommand {}

  /** The hakem declares the trump. */
  record ChooseTrump(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @NotNull(message = WireCard.SUIT)
          @Pattern(regexp = WireCard.SUITS, message = WireCard.SUIT)
          @Mismatch(WireCard.SUIT)
          String suit)
      implements ClientCommand {}

  /** Plays a card on the player's turn. */
  record PlayCard(
      @Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id,
      @NotNull(message = WireCard.CARD) @Valid @Mismatch(WireCard.CARD) WireCard card)
      implements ClientCommand {}

  /** Asks for another game with the same seats, after game_over. */
  record Rematch(@Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id)
      implements ClientCommand {}

  /** Asks for a fresh table_state. */
  record Sync(@Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id)
      implements ClientCommand {}

  /** Keeps the connection alive. */
  record Ping(@Size(max = MAX_ID_LENGTH, message = ID) @Mismatch(ID) String id)
      implements ClientCommand {}
}
