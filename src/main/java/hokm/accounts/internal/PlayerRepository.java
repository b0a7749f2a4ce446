package hokm.accounts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Names and emails compare case-blind, through the lower() unique indexes. */
public interface PlayerRepository extends JpaRepository<Player, UUID> {

  @Query("select p from Player p where lower(p.username) = lower(:username)")
  Optional<Player> findByUsernameCaseBlind(@Param("username") String username);

  @Query("select count(p) > 0 from Player p where lower(p.username) = lower(:username)")
  boolean usernameTaken(@Param("username") String username);

  @Query("select count(p) > 0 from Player p where lower(p.email) = lower(:email)")
  boolean emailTaken(@Param("email") String email);
}
