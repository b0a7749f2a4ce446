package hokm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code HOKM_API_DOCS_ENABLED} turns the OpenAPI document and its page on in the prod profile,
 * where they are off by default; development has them on unless it says false. (No application
 * context of its own: switching the suite's cached contexts pauses them.)
 */
class ApiDocsSwitchTest {

  @Test
  void developmentServesThemUnlessTold() throws IOException {
    assertThat(development(Map.of(), "springdoc.api-docs.enabled")).isEqualTo("true");
    assertThat(development(Map.of(), "springdoc.swagger-ui.enabled")).isEqualTo("true");
    Map<String, Object> off = Map.of("HOKM_API_DOCS_ENABLED", "false");
    assertThat(development(off, "springdoc.api-docs.enabled")).isEqualTo("false");
    assertThat(development(off, "springdoc.swagger-ui.enabled")).isEqualTo("false");
  }

  @Test
  void prodServesThemOnlyWhenAsked() throws IOException {
    assertThat(prod(Map.of(), "springdoc.api-docs.enabled")).isEqualTo("false");
    assertThat(prod(Map.of(), "springdoc.swagger-ui.enabled")).isEqualTo("false");
    Map<String, Object> on = Map.of("HOKM_API_DOCS_ENABLED", "true");
    assertThat(prod(on, "springdoc.api-docs.enabled")).isEqualTo("true");
    assertThat(prod(on, "springdoc.swagger-ui.enabled")).isEqualTo("true");
  }

  /** A property as the prod profile resolves it over application.yml, in Boot's order. */
  private static String prod(Map<String, Object> environment, String name) throws IOException {
    return resolve(environment, name, "application-prod.yml", "application.yml");
  }

  private static String development(Map<String, Object> environment, String name)
      throws IOException {
    return resolve(environment, name, "application.yml");
  }

  private static String resolve(Map<String, Object> environment, String name, String... files)
      throws IOException {
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    MutablePropertySources sources = new MutablePropertySources();
    sources.addLast(new MapPropertySource("environment", environment));
    for (String file : files) {
      yaml.load(file, new ClassPathResource(file)).forEach(sources::addLast);
    }
    return new PropertySourcesPropertyResolver(sources).getProperty(name);
  }
}
