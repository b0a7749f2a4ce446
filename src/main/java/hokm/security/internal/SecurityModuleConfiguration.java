package hokm.security.internal;

import hokm.security.SecuritySettings;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "30m")
class SecurityModuleConfiguration {

  /**
   * Locks for jobs that one instance at a time runs, in table {@code shedlock} (V32), timed by the
   * database's clock so that instances whose clocks differ agree.
   */
  @Bean
  LockProvider schedulerLocks(JdbcTemplate jdbc) {
    return new JdbcTemplateLockProvider(
        JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(jdbc)
            .usingDbTime()
            .build());
  }
}
