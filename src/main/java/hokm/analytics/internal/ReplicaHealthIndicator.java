package hokm.analytics.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read replica as its own health component. Down does not make the server unready: analytics
 * then reads from the primary.
 */
@Component("replica")
class ReplicaHealthIndicator implements HealthIndicator {
  private final AnalyticsReadRouter router;

  ReplicaHealthIndicator(AnalyticsReadRouter router) {
    this.router = router;
  }

  @Override
  public Health health() {
    return router.health();
  }
}
