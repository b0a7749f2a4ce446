package hokm.engine;

import java.util.List;

/** The outcome of applying a move: the events it caused, or why it was refused. */
public final class MoveResult {
  private static final MoveResult[] REJECTED = new MoveResult[Rejection.values().length];

  static {
    for (Rejection reason : Rejection.values()) {
      REJECTED[reason.ordinal()] = new MoveResult(reason, List.of());
    }
  }

  private final Rejection rejection;
  private final List<GameEvent> events;

  private MoveResult(Rejection rejection, List<GameEvent> events) {
    this.rejection = rejection;
    this.events = events;
  }

  static MoveResult accepted(List<GameEvent> events) {
    return new MoveResult(null, List.copyOf(events));
  }

  static MoveResult rejected(Rejection reason) {
    return REJECTED[reason.ordinal()];
  }

  public boolean isAccepted() {
    return rejection == null;
  }

  /** Why the move was refused, or null when it was accepted. */
  public Rejection rejection() {
    return rejection;
  }

  /** The events of an accepted move; empty when rejected. */
  public List<GameEvent> events() {
    return events;
  }

  @Override
  public String toString() {
    return isAccepted() ? "accepted" + events : "rejected " + rejection;
  }
}
