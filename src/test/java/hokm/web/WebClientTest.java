package hokm.web;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The browser client in a real Chromium against the real server: every scenario starts from {@code
 * /} as a person would and acts only through the page.
 */
@IntegrationTest
class WebClientTest {
  @LocalServerPort int port;

  private final List<Browser> browsers = new ArrayList<>();
  private String testName;

  @BeforeEach
  void needsChromium(TestInfo info) {
    Browser.assumeInstalled();
    testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
  }

  @AfterEach
  void quitBrowsers() {
    for (Browser browser : browsers) {
      try {
        browser.screenshot(
            Path.of("target", "browser", testName + "-" + browsers.indexOf(browser) + ".png"));
      } catch (RuntimeException e) {
        // The browser may be gone already.
      }
      browser.close();
    }
    browsers.clear();
  }

  private Browser browser() {
    Browser browser = Browser.open(port);
    browsers.add(browser);
    return browser;
  }

  @Test
  void aGuestPlaysAWholeGameAgainstBotsByClickingOnlyLegalCards() {
    Browser page = browser();
    page.get("/");
    page.signInAsGuest();
    page.createTable(1, true, 60);
    page.playUntilGameOver();
    String result = page.find(".game-over .game-result").getText();
    assertThat(result).containsAnyOf("You won the game", "You lost the game");
    assertThat(page.exists("#rematch")).isTrue();
    assertThat(page.all(".toast")).as("no move was refused").isEmpty();
    page.assertNoConsoleErrors();
  }
}
