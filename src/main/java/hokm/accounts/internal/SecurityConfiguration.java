package hokm.accounts.internal;

import hokm.security.SecuritySettings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * A stateless API: bearer access tokens only, no sessions and so no CSRF surface. Everything under
 * {@code /api} needs a token except signing in, the public statistics and profiles; the API's
 * OpenAPI document and its page are open. A token whose player no longer exists is refused, and so
 * is one revoked since it was issued ({@link TokenVersions}). Every answer carries the secure
 * headers listed in docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Answers that are documents of no kind: nothing may load, run or frame anything. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /**
   * The browser client's page: its scripts, styles and images from this server only (no inline code
   * or styles), connections to this server only (its WebSocket included), never framed.
   */
  static final String CLIENT_PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
          + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'";

  /**
   * The API's browsable documentation (Swagger UI): its own scripts and styles from this server,
   * the images its stylesheet carries inline as data: URIs, and requests to this server only (the
   * document, and "Try it out"). No inline scripts, never framed.
   */
  static final String API_DOCS_PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** The OpenAPI document (JSON) and its browsable page, open to all when enabled. */
  static final String[] API_DOCS = {
    "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
  };

  /** The files of the browsable documentation: its page, scripts and styles. */
  static boolean isApiDocsPage(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/swagger-ui/");
  }

  /** The HTML of the client: the site's root and the file it is served from. */
  static boolean isClientPage(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/") || path.equals("/index.html");
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      JwtDecoder jwtDecoder,
      JsonSecurityErrors errors,
      PlayerExistence existence,
      TokenVersions versions,
      SecuritySettings settings) {
    JwtDecoder livePlayers =
        token -> {
          Jwt jwt = jwtDecoder.decode(token);
          UUID id;
          try {
            id = UUID.fromString(jwt.getSubject());
          } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadJwtException("The token names no player");
          }
          if (!existence.exists(id)) {
            throw new BadJwtException("The token's player no longer exists");
          }
          if (!versions.isCurrent(id, TokenVersions.versionOf(jwt))) {
            throw new RevokedTokenException();
          }
          return jwt;
        };
    boolean hsts = settings.hsts();
    http.headers(
            h -> {
              h.contentTypeOptions(Customizer.withDefaults())
                  .frameOptions(f -> f.deny())
                  .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                  .cacheControl(Customizer.withDefaults())
                  // The page of the browser client may load its own scripts, styles and images
                  // and talk to this server only; every other answer (the API's JSON, scripts,
                  // errors) may load, run or frame nothing.
                  .addHeaderWriter(
                      new DelegatingRequestMatcherHeaderWriter(
                          SecurityConfiguration::isClientPage,
                          new ContentSecurityPolicyHeaderWriter(CLIENT_PAGE_POLICY)))
                  .addHeaderWriter(
                      new DelegatingRequestMatcherHeaderWriter(
                          SecurityConfiguration::isApiDocsPage,
                          new ContentSecurityPolicyHeaderWriter(API_DOCS_PAGE_POLICY)))
                  .addHeaderWriter(
                      new DelegatingRequestMatcherHeaderWriter(
                          request -> !isClientPage(request) && !isApiDocsPage(request),
                          new ContentSecurityPolicyHeaderWriter(API_POLICY)));
              if (hsts) {
                // Sent only on requests that arrived over HTTPS (after trusted proxy headers).
                h.httpStrictTransportSecurity(
                    t -> t.includeSubDomains(true).maxAgeInSeconds(31_536_000));
              } else {
                h.httpStrictTransportSecurity(t -> t.disable());
              }
            })
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/auth/**", "/api/leaderboard", "/api/stats/**", "/ws/**")
                    .permitAll()
                    // The API's description (answers 404 where it is turned off).
                    .requestMatchers(API_DOCS)
                    .permitAll()
                    // Public profiles; the caller's own account and games stay behind a token.
                    .requestMatchers("/api/players/me", "/api/players/me/**")
                    .authenticated()
                    .requestMatchers(HttpMethod.GET, "/api/players/*")
                    .permitAll()
                    // Actuator listens on the management port only (these matchers match
                    // nothing on the players' port, where /actuator answers 404). There,
                    // health, Prometheus and info are open to the management network; other
                    // endpoints (metrics, ...) are refused even there.
                    .requestMatchers(EndpointRequest.to("health", "prometheus", "info"))
                    .permitAll()
                    .requestMatchers(EndpointRequest.toAnyEndpoint())
                    .denyAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.decoder(livePlayers))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    return http.build();
  }
}
