package hokm.web;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pictures in the README, taken from a real game: the lobby, the table in the middle of a
 * trick, a hand's result and the replay viewer, each on a desktop and a 360 px phone, in English
 * and Persian. They go to {@code target/screenshots}, or to the folder named by {@code
 * -Dhokm.screenshots.dir} ({@code docs/screenshots} to refresh the committed ones).
 */
@IntegrationTest
class ScreenshotsTest {
  @LocalServerPort int port;

  private final Path folder =
      Path.of(System.getProperty("hokm.screenshots.dir", "target/screenshots"));

  @BeforeEach
  void needsChromium() {
    Browser.assumeInstalled();
  }

  /** Four pictures of what the page shows now: English and Persian, desktop and phone. */
  private void shoot(Browser page, String name) {
    for (String lang : new String[] {"en", "fa"}) {
      if (!lang.equals(page.script("return document.documentElement.lang"))) {
        page.click("#lang-switch");
        page.until(d -> lang.equals(page.script("return document.documentElement.lang")));
      }
      page.emulate(1280, 960, false);
      fitHeight(page, 1280, 960, false);
      page.screenshot(folder.resolve(name + "-desktop-" + lang + ".png"));
      page.emulate(360, 780, true);
      fitHeight(page, 360, 780, true);
      page.screenshot(folder.resolve(name + "-phone-" + lang + ".png"));
      page.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /** Makes the viewport as tall as the page (within reason), so the picture shows all of it. */
  private static void fitHeight(Browser page, int width, int minimum, boolean mobile) {
    Number height = (Number) page.script("return document.documentElement.scrollHeight");
    int tall = Math.max(minimum, Math.min(2400, height.intValue()));
    page.emulate(width, tall, mobile);
  }

  @Test
  void picturesOfTheLobbyTheTableAHandResultAndTheReplayViewer() throws Exception {
    try (Browser page = Browser.open(port)) {
      page.get("/");
      page.signInAsGuest();
      shoot(page, "lobby");

      page.createTable(1, true, 300);
      page.playUntilMyTurnMidTrick();
      shoot(page, "table");

      page.playUntilGameOver();
      page.until(d -> page.exists(".hand-result"));
      shoot(page, "hand-result");

      page.openGamesList();
      page.click("#profile a[href^='#/replay/']");
      page.until(d -> page.exists(".replay-view"));
      // Into the first trick: the deal, the trump and a few cards.
      for (int i = 0; i < 6; i++) {
        page.click("#replay-next");
      }
      page.until(d -> page.exists(".replay-view .trick .card"));
      shoot(page, "replay");
      page.assertNoConsoleErrors();
    }
    assertThat(Files.list(folder).filter(p -> p.toString().endsWith(".png")).count())
        .isGreaterThanOrEqualTo(16);
  }
}
