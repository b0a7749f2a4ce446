package hokm.accounts.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Operator actions ({@code /actuator/tables}, on the management port only): HTTP Basic as the one
 * operator account named by {@code hokm.operator.username} and {@code hokm.operator.password}
 * ({@code HOKM_OPERATOR_PASSWORD}). Without a password every such request is refused. Players'
 * tokens never open them.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain operatorSecurity(
      HttpSecurity http,
      JsonSecurityErrors errors,
      @Value("${hokm.operator.username:operator}") String username,
      @Value("${hokm.operator.password:}") String password)
      throws Exception {
    BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    InMemoryUserDetailsManager operators = new InMemoryUserDetailsManager();
    if (!password.isBlank()) {
      operators.createUser(
          User.withUsername(username).password(encoder.encode(password)).roles("OPERATOR").build());
    }
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators);
    provider.setPasswordEncoder(encoder);
    http.securityMatcher(EndpointRequest.to("tables"))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationManager(new ProviderManager(provider))
        .httpBasic(b -> b.authenticationEntryPoint(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .authorizeHttpRequests(a -> a.anyRequest().hasRole("OPERATOR"));
    return http.build();
  }
}
