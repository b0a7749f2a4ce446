package hokm.engine;

/** Receives the events of an accepted move, in order. */
@FunctionalInterface
public interface EventSink {
  EventSink NONE = event -> {};

  void accept(GameEvent event);
}
