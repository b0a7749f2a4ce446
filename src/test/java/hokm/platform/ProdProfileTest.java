package hokm.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hokm.HokmApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Production never falls back to embedded servers. */
class ProdProfileTest {

  @Test
  void prodRefusesToStartWithoutRealUrls() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(HokmApplication.class)
                    .profiles("prod")
                    .web(WebApplicationType.NONE)
                    .run())
        .hasMessageContaining("prod profile needs real services")
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("REDIS_URL");
  }
}
