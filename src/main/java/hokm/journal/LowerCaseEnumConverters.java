package hokm.journal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** The schema stores enum values lower-case, as the check constraints spell them. */
final class LowerCaseEnumConverters {

  private LowerCaseEnumConverters() {}

  abstract static class Base<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Class<E> type;

    Base(Class<E> type) {
      this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
      return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
      return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
  }

  @Converter
  static final class Status extends Base<GameStatus> {
    Status() {
      super(GameStatus.class);
    }
  }

  @Converter
  static final class EndReason extends Base<GameEndReason> {
    EndReason() {
      super(GameEndReason.class);
    }
  }

  @Converter
  static final class Move extends Base<MoveType> {
    Move() {
      super(MoveType.class);
    }
  }
}
