package hokm.journal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface GameMoveRepository extends JpaRepository<GameMove, UUID> {

  /** The move log in replay order. */
  List<GameMove> findByGameSessionIdOrderBySequenceNumber(UUID gameSessionId);

  /** The last sequence number written for a game, 0 when it has no moves yet. */
  @Query(
      "select coalesce(max(m.sequenceNumber), 0) from GameMove m"
          + " where m.gameSessionId = :gameSessionId")
  int lastSequenceNumber(@Param("gameSessionId") UUID gameSessionId);
}
