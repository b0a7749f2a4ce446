package hokm.accounts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Names and emails compare case-blind, through the lower() unique indexes. */
public interface PlayerRepository extends JpaRepository<Player, UUID> {

  @Query("select p from Player p where lower(p.username) = lower(:username)")
  Optional<Player> findByUsernameCaseBlind(@Param("username") String username);

  /**
   * Revokes every access token issued to the player so far (they carry a lower version). Pending
   * changes are flushed first; the row stays locked until the transaction ends.
   */
  @Modifying(flushAutomatically = true)
  @Query("update Player p set p.tokenVersion = p.tokenVersion + 1 where p.id = :id")
  int incrementTokenVersion(@Param("id") UUID playerId);

  /** The player's token version as stored, or empty if there is no such player. */
  @Query("select p.tokenVersion from Player p where p.id = :id")
  Optional<Long> findTokenVersion(@Param("id") UUID playerId);

  /** Whether a player's name looks like this one (same skeleton: V25's username_skeleton). */
  @Query(
      value =
          "SELECT EXISTS (SELECT 1 FROM players"
              + " WHERE username_skeleton = username_skeleton(:username))",
      nativeQuery = true)
  boolean lookalikeTaken(@Param("username") String username);

  /** Whether the name looks like a reserved one, or like a bot's ("Bot", "b0t-1"). */
  @Query(
      value =
          "SELECT EXISTS (SELECT 1 FROM reserved_usernames r"
              + " WHERE username_skeleton(r.name) = username_skeleton(:username))"
              + " OR username_skeleton(:username) ~ '^(bot|robot)[0-9lo]*$'",
      nativeQuery = true)
  boolean reserved(@Param("username") String username);
}
