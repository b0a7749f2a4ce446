package hokm.accounts.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance subscribed to the revocation announcements: as soon as Redis lets it, and
 * again whenever the subscription is found down (Redis was away, or the application was stopped and
 * started again).
 */
@Component
class RevocationSubscription {
  private static final Logger log = LoggerFactory.getLogger(RevocationSubscription.class);

  private final RedisMessageListenerContainer container;
  private volatile boolean subscribed;

  RevocationSubscription(RedisMessageListenerContainer revocationListener) {
    this.container = revocationListener;
  }

  @Scheduled(fixedDelayString = "${hokm.auth.revocation-retry-interval:1s}")
  void keepSubscribed() {
    if (container.isListening()) {
      if (!subscribed) {
        subscribed = true;
        log.info("listening to revocations announced on {}", Revocations.CHANNEL);
      }
      return;
    }
    if (subscribed) {
      subscribed = false;
      log.warn("not listening to {} any more; subscribing again", Revocations.CHANNEL);
    }
    try {
      // A failed start leaves the container started but not listening: stop it to start anew.
      container.stop();
      container.start();
    } catch (RuntimeException e) {
      log.debug("not subscribed to {} yet: {}", Revocations.CHANNEL, e.toString());
    }
  }
}
