package hokm.engine;

/**
 * A computer player. It decides from a seat's view only, so it knows what that seat's player would
 * know and nothing more. Implementations must return a legal decision for any view where it is
 * their turn.
 */
public interface Bot {

  /** The trump to declare, from the hakem's five cards. */
  Suit chooseTrump(SeatView view);

  /** The card to play; must be one of {@link SeatView#legal()}. */
  Card playCard(SeatView view);

  /** The move this bot makes for the view's seat, or null when it is not that seat's turn. */
  default Move decide(SeatView view) {
    if (!view.isMyTurn()) {
      return null;
    }
    return switch (view.table().phase()) {
      case CHOOSING_TRUMP -> new Move.ChooseTrump(view.seat(), chooseTrump(view));
      case PLAYING -> new Move.PlayCard(view.seat(), playCard(view));
      case GAME_OVER -> null;
    };
  }
}
