package hokm.journal.internal;

import hokm.engine.GameEvent;
import hokm.gateway.ConnectionRecorder;
import hokm.table.GameRecorder;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * A benchmark-only switch: with {@code hokm.journal.enabled=false} tables and sockets report to
 * this recorder, which records nothing, instead of the {@link JournalWriter}. Games are then not
 * written to PostgreSQL at all (Redis snapshots still are), so the cost of the journal can be
 * measured against a run without it. Never set it in production: finished games would be lost.
 */
@Component
@Primary
@ConditionalOnProperty(name = "hokm.journal.enabled", havingValue = "false")
class DisabledJournal implements GameRecorder, ConnectionRecorder {

  @Override
  public void sessionOpened(OpenedSession session) {}

  @Override
  public void gameStarted(StartedGame game) {}

  @Override
  public void move(RecordedMove move) {}

  @Override
  public void handOver(UUID sessionId, GameEvent.HandOver hand, Instant at) {}

  @Override
  public void seatChanged(UUID sessionId, SeatRecord seat) {}

  @Override
  public void liveState(LiveState state) {}

  @Override
  public void gameEnded(EndedGame game) {}

  @Override
  public void connected(String connectionId, UUID playerId, String remoteAddress, Instant at) {}

  @Override
  public void ping(String connectionId, Instant at) {}

  @Override
  public void disconnected(String connectionId, Instant at) {}
}
