package hokm.protocol;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A card as clients write it: {@code {"suit":"hearts","rank":"A"}}. */
public record WireCard(
    @NotNull(message = WireCard.SUIT)
        @Pattern(regexp = WireCard.SUITS, message = WireCard.SUIT)
        @Mismatch(WireCard.SUIT)
        String suit,
    @NotNull(message = WireCard.RANK)
        @Pattern(regexp = WireCard.RANKS, message = WireCard.RANK)
        @Mismatch(WireCard.RANK)
        String rank) {

  static final String SUITS = "^(spades|hearts|diamonds|clubs)$";
  static final String RANKS = "^(2|3|4|5|6|7|8|9|10|J|Q|K|A)$";
  static final String SUIT = "suit must be one of spades, hearts, diamonds, clubs.";
  static final String RANK = "rank must be one of 2..10, J, Q, K, A.";
  static final String CARD = "card must be an object like {\"suit\":\"hearts\",\"rank\":\"A\"}.";
}
