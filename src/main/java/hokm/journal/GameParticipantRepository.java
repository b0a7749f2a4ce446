package hokm.journal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GameParticipantRepository extends JpaRepository<GameParticipant, UUID> {

  List<GameParticipant> findByGameSessionIdOrderByPosition(UUID gameSessionId);

  List<GameParticipant> findByPlayerId(UUID playerId);
}
