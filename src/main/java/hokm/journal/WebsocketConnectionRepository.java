package hokm.journal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WebsocketConnectionRepository extends JpaRepository<WebsocketConnection, UUID> {

  Optional<WebsocketConnection> findByConnectionId(String connectionId);

  List<WebsocketConnection> findByPlayerIdAndActiveTrue(UUID playerId);
}
