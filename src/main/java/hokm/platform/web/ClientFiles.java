package hokm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The browser client's files (src/main/resources/static, served at {@code /}) carry an ETag made
 * from their content, so a browser revalidates them cheaply ({@code Cache-Control: no-cache}, set
 * by {@code spring.web.resources.cache.cachecontrol}) and gets 304 while they are unchanged. The
 * ETag is weak so that Tomcat may still compress the answer.
 */
@Configuration(proxyBeanMethods = false)
class ClientFiles {

  /** Whether a request asks for one of the client's files. */
  static boolean isClientFile(String path) {
    return path.equals("/")
        || path.equals("/index.html")
        || path.equals("/favicon.svg")
        || path.startsWith("/assets/");
  }

  @Bean
  FilterRegistrationBean<ShallowEtagHeaderFilter> clientFileEtags() {
    ShallowEtagHeaderFilter filter =
        new ShallowEtagHeaderFilter() {
          @Override
          protected boolean shouldNotFilter(HttpServletRequest request) {
            return !isClientFile(request.getRequestURI());
          }
        };
    filter.setWriteWeakETag(true);
    FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.setName("clientFileEtags");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }
}
