package hokm.security;

import java.util.UUID;

/**
 * The audit log ({@code audit_log}). Events that change an account are written with {@link
 * #recordInTransaction} inside the change's own transaction: the change and its record commit or
 * fail together. Events that change nothing (a refused login, a limit that fired) go through {@link
 * #record}, which queues them for a background writer and never slows or fails the caller; under a
 * flood the queue is bounded and the surplus is counted and dropped.
 */
public interface AuditLog {

  /** Writes the event now, in the caller's transaction if there is one; failure propagates. */
  void recordInTransaction(AuditEvent event);

  /** Queues the event for the background writer; never blocks and never throws. */
  void record(AuditEvent event);

  /**
   * Queues a limit trip, at most once a minute per limit and key (an IP or a player), so a flood
   * cannot turn into a flood of audit rows.
   */
  void limitTriggered(String limit, String key, String ip, UUID playerId);
}
