package hokm.accounts.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Subscribes this instance to the revocation announcements, as soon as Redis lets it. */
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
    if (subscribed) {
      return;
    }
    if (container.isListening()) {
      subscribed = true;
      log.info("listening to revocations announced on {}", Revocations.CHANNEL);
      return;
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
