package hokm.engine;

/** A card on the table, with the seat that played it. */
public record PlayedCard(int seat, Card card) {}
