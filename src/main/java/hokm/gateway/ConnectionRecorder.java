package hokm.gateway;

import java.time.Instant;
import java.util.UUID;

/** Where the gateway reports sockets, to be recorded. Must never block. */
public interface ConnectionRecorder {

  void connected(String connectionId, UUID playerId, String remoteAddress, Instant at);

  void ping(String connectionId, Instant at);

  void disconnected(String connectionId, Instant at);

  ConnectionRecorder NONE =
      new ConnectionRecorder() {
        @Override
        public void connected(String connectionId, UUID playerId, String remote, Instant at) {}

        @Override
        public void ping(String connectionId, Instant at) {}

        @Override
        public void disconnected(String connectionId, Instant at) {}
      };
}
