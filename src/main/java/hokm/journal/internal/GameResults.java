package hokm.journal.internal;

import hokm.rating.OpenSkill;
import hokm.rating.Rating;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A decided game's result in the players' records: every human's counters, and the OpenSkill rating
 * of every registered human with a row of {@code rating_history}. Runs inside the journal's
 * transaction that marks the game ended, so a result is applied exactly once.
 *
 * <p>Who played is who sat down ({@code game_participants}): a human who left during the game still
 * counts with their team, so a forfeit (every human of a team gone) is a loss for them. A bot's
 * seat plays as its level's fixed player ({@code bot_ratings}), a guest as a player of the default
 * rating; neither is updated.
 */
final class GameResults {
  private GameResults() {}

  /** One seat as the game started. */
  private record Seat(int team, UUID player, boolean bot) {}

  /** A player's row: whether a guest, and the rating before this game. */
  private record Account(boolean guest, Rating rating) {}

  static void apply(Connection connection, UUID sessionId, int winnerTeam, Instant endedAt)
      throws SQLException {
    List<Seat> seats = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT team, player_id, is_bot FROM game_participants WHERE game_session_id = ?"
                + " ORDER BY position")) {
      statement.setObject(1, sessionId);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          seats.add(new Seat(rows.getInt(1), rows.getObject(2, UUID.class), rows.getBoolean(3)));
        }
      }
    }
    List<UUID> humans = new ArrayList<>();
    for (Seat seat : seats) {
      if (seat.player() != null) {
        humans.add(seat.player());
      }
    }
    if (humans.isEmpty()) {
      return;
    }
    // Locked (in a fixed order) until the commit: another instance recording a game of the same
    // player waits, and then starts from this game's result.
    Map<UUID, Account> accounts = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, is_guest, rating_mu, rating_sigma FROM players WHERE id = ANY (?)"
                + " ORDER BY id FOR UPDATE")) {
      statement.setArray(1, connection.createArrayOf("uuid", humans.toArray()));
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          accounts.put(
              rows.getObject(1, UUID.class),
              new Account(rows.getBoolean(2), new Rating(rows.getDouble(3), rows.getDouble(4))));
        }
      }
    }
    Rating bot = botRating(connection, sessionId);
    List<List<Rating>> teams = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<UUID>> rated = List.of(new ArrayList<>(), new ArrayList<>());
    for (Seat seat : seats) {
      Account account = seat.player() == null ? null : accounts.get(seat.player());
      Rating rating;
      UUID player = null;
      if (seat.bot() || account == null) {
        rating = bot;
      } else if (account.guest()) {
        rating = OpenSkill.initial();
      } else {
        rating = account.rating();
        player = seat.player();
      }
      teams.get(seat.team() - 1).add(rating);
      rated.get(seat.team() - 1).add(player);
    }
    Map<UUID, Rating> after = new HashMap<>();
    if (!teams.get(0).isEmpty() && !teams.get(1).isEmpty()) {
      List<List<Rating>> result = OpenSkill.rate(teams.get(0), teams.get(1), winnerTeam);
      for (int team = 0; team < 2; team++) {
        for (int i = 0; i < rated.get(team).size(); i++) {
          UUID player = rated.get(team).get(i);
          if (player != null) {
            after.put(player, result.get(team).get(i));
          }
        }
      }
    }
    try (PreparedStatement counters =
            connection.prepareStatement(
                "UPDATE players SET total_games = total_games + 1, wins = wins + ?,"
                    + " losses = losses + ?, updated_at = now() WHERE id = ?");
        PreparedStatement ratings =
            connection.prepareStatement(
                "UPDATE players SET total_games = total_games + 1, wins = wins + ?,"
                    + " losses = losses + ?, rating_mu = ?, rating_sigma = ?,"
                    + " rated_games = rated_games + 1, updated_at = now() WHERE id = ?");
        PreparedStatement history =
            connection.prepareStatement(
                "INSERT INTO rating_history (player_id, game_session_id, mu_before,"
                    + " sigma_before, mu_after, sigma_after, played_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (Seat seat : seats) {
        if (seat.player() == null || !accounts.containsKey(seat.player())) {
          continue;
        }
        int won = seat.team() == winnerTeam ? 1 : 0;
        Rating next = after.get(seat.player());
        if (next == null) {
          counters.setInt(1, won);
          counters.setInt(2, 1 - won);
          counters.setObject(3, seat.player());
          counters.addBatch();
          continue;
        }
        Rating before = accounts.get(seat.player()).rating();
        ratings.setInt(1, won);
        ratings.setInt(2, 1 - won);
        ratings.setDouble(3, next.mu());
        ratings.setDouble(4, next.sigma());
        ratings.setObject(5, seat.player());
        ratings.addBatch();
        history.setObject(1, seat.player());
        history.setObject(2, sessionId);
        history.setDouble(3, before.mu());
        history.setDouble(4, before.sigma());
        history.setDouble(5, next.mu());
        history.setDouble(6, next.sigma());
        history.setTimestamp(7, Timestamp.from(endedAt != null ? endedAt : Instant.now()));
        history.addBatch();
      }
      counters.executeBatch();
      ratings.executeBatch();
      history.executeBatch();
    }
  }

  /** The fixed rating of the game's bot level (a new player's, should the level have no row). */
  private static Rating botRating(Connection connection, UUID sessionId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT b.rating_mu, b.rating_sigma FROM game_sessions s"
                + " JOIN bot_ratings b ON b.bot_level = s.bot_level WHERE s.id = ?")) {
      statement.setObject(1, sessionId);
      try (var rows = statement.executeQuery()) {
        return rows.next() ? new Rating(rows.getDouble(1), rows.getDouble(2)) : OpenSkill.initial();
      }
    }
  }
}
