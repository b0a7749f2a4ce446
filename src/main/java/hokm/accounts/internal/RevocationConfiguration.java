package hokm.accounts.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Every instance subscribes to the revocations announced through Redis ({@link Revocations}); what
 * Redis missed is tried again on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RevocationConfiguration {

  /**
   * Not started with the context: a container whose first subscription fails throws from its start,
   * and a Redis that is down must not keep the server from starting. {@link RevocationSubscription}
   * starts it, and tries again until the first subscription succeeds; after that Lettuce reconnects
   * and subscribes again by itself.
   */
  @Bean
  RedisMessageListenerContainer revocationListener(
      RedisConnectionFactory redis, Revocations revocations, AuthProperties properties) {
    RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    container.setConnectionFactory(redis);
    container.setAutoStartup(false);
    container.setRecoveryInterval(Math.max(100, properties.revocationRetryInterval().toMillis()));
    container.addMessageListener(revocations, new ChannelTopic(Revocations.CHANNEL));
    return container;
  }
}
