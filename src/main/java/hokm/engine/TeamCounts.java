package hokm.engine;

/** A number per team, e.g. tricks or points. */
public record TeamCounts(int team1, int team2) {
  public static final TeamCounts ZERO = new TeamCounts(0, 0);

  public int of(int team) {
    return team == 1 ? team1 : team2;
  }
}
