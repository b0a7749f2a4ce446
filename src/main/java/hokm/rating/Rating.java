package hokm.rating;

/**
 * What OpenSkill believes of a player: a skill of about {@code mu}, give or take {@code sigma}.
 *
 * @param mu the mean of the skill's estimate
 * @param sigma its standard deviation: large for a newcomer, shrinking with every game
 */
public record Rating(double mu, double sigma) {

  /**
   * The conservative estimate {@code mu - 3 sigma} that rankings use: a player is placed by the
   * skill they have almost surely (99.9 %) reached, so a lucky newcomer does not top the board.
   */
  public double ordinal() {
    return mu - OpenSkill.Z * sigma;
  }
}
