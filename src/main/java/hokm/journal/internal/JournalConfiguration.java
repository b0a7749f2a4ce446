package hokm.journal.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class JournalConfiguration {

  /**
   * While Redis is unreachable, commands fail at once instead of queueing until Redis returns: the
   * redis circuit breaker then opens and tables carry on in memory.
   */
  @Bean
  LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
    return builder ->
        builder.clientOptions(
            ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
  }

  /**
   * Lettuce's own per-command latency histograms are not exported anywhere and cost CPU on every
   * command of the move path; the redis circuit breaker's metrics say how Redis answers.
   */
  @Bean
  ClientResourcesBuilderCustomizer noCommandLatencyRecorder() {
    return builder -> builder.commandLatencyRecorder(CommandLatencyRecorder.disabled());
  }
}
