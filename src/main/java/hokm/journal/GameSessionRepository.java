package hokm.journal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GameSessionRepository extends JpaRepository<GameSession, UUID> {

  Optional<GameSession> findByRoomId(String roomId);

  Optional<GameSession> findBySessionKey(String sessionKey);

  List<GameSession> findByStatusInOrderByCreatedAt(List<GameStatus> statuses);
}
