package hokm.web;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.Http;
import hokm.testsupport.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The API's browsable documentation renders in a real Chromium under its Content-Security-Policy:
 * every operation of the document is listed and one opens, with no error in the console (a blocked
 * script, style or image is one).
 */
@IntegrationTest
class ApiDocsPageTest {
  @LocalServerPort int port;

  @Test
  void theDocumentationPageShowsEveryOperation() {
    Browser.assumeInstalled();
    JsonNode document = new Http(port).get("/v3/api-docs").json();
    int operations = 0;
    for (JsonNode path : document.path("paths")) {
      operations += path.size();
    }
    assertThat(operations).isPositive();
    try (Browser page = Browser.open(port)) {
      // Policy violations as the page sees them, with the element refused.
      page.driver.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument",
          Map.of(
              "source",
              "window.violations = []; document.addEventListener('securitypolicyviolation', e =>"
                  + " window.violations.push(e.violatedDirective + ': '"
                  + " + (e.target && e.target.outerHTML || e.blockedURI).slice(0, 200)));"));
      page.get("/swagger-ui.html");
      page.until(d -> page.exists(".information-container .title"));
      assertThat(page.find(".information-container .title").getText()).contains("Hokm server API");
      int expected = operations;
      page.until(d -> page.all(".opblock").size() == expected);
      page.click(".opblock-summary");
      page.until(d -> page.exists(".opblock-body .responses-table"));
      page.screenshot(Path.of("target", "browser", "api-docs.png"));
      assertThat((List<?>) page.script("return window.violations"))
          .as("Content-Security-Policy violations")
          .isEmpty();
      page.assertNoConsoleErrors();
    }
  }
}
