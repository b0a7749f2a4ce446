/**
 * Ratings: OpenSkill's formulas (Weng and Lin's Bayesian approximation, the Plackett-Luce model
 * with the reference implementation's defaults), pure functions of ratings and a finishing order.
 * Nothing here knows of games, players or databases; the journal applies a game's result with them.
 */
package hokm.rating;
