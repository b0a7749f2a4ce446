package hokm.journal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface GameHandRepository extends JpaRepository<GameHand, UUID> {

  List<GameHand> findByGameSessionIdOrderByHandNumber(UUID gameSessionId);

  Optional<GameHand> findByGameSessionIdAndHandNumber(UUID gameSessionId, short handNumber);
}
