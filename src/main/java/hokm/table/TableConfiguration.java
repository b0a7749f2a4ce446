package hokm.table;

import hokm.table.internal.BotMoves;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  TableProperties.class,
  BotProperties.class,
  MatchmakingProperties.class
})
class TableConfiguration {

  /**
   * The bots, with the hard bots' search pool: bounded threads and queue, apart from the tables'
   * mailboxes. The pool is not a bean of its own, so it never stands in for the application's task
   * executor; it stops with the bots ({@link BotMoves#close}).
   */
  @Bean
  BotMoves botMoves(BotProperties bots, MeterRegistry registry) {
    ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    pool.setCorePoolSize(bots.effectiveSearchThreads());
    pool.setMaxPoolSize(bots.effectiveSearchThreads());
    pool.setQueueCapacity(bots.queueCapacity());
    pool.setThreadNamePrefix("bot-search-");
    pool.setDaemon(true);
    // Searching is never more urgent than a table: the mailboxes and sockets come first.
    pool.setThreadPriority(Thread.NORM_PRIORITY - 1);
    pool.setWaitForTasksToCompleteOnShutdown(false);
    pool.initialize();
    return new BotMoves(bots, pool, registry);
  }
}
