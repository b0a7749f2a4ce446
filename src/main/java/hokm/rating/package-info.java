/**
 * Ratings: OpenSkill's formulas (Weng and Lin's Bayesian rating, the Plackett-Luce model with the
 * reference implementation's defaults), pure functions of ratings and a finishing order. It uses
 * the JDK only (checked by {@code ArchitectureTest}), so it declares its module with no annotation:
 * it may depend on no other module. The journal applies a game's result with it.
 */
package hokm.rating;
