package hokm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One headless Debian Chromium (driven by Debian's chromedriver, never a downloaded browser) with a
 * profile of its own under a temporary folder, pointed at the test server. Waits are for
 * conditions, with generous deadlines; nothing here measures time.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM =
      Path.of(System.getProperty("hokm.test.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("hokm.test.chromedriver", "/usr/bin/chromedriver"));
  static final Duration WAIT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final ChromeDriver driver;
  private final Path profile;
  private final String base;
  private final List<JsonNode> frames = new ArrayList<>();

  /** Skips the calling test, saying how to install the browser, when there is none. */
  static void assumeInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "No Chromium at "
            + CHROMIUM
            + " / "
            + CHROMEDRIVER
            + ": install it with `apt-get install -y chromium chromium-driver` to run the browser"
            + " tests");
  }

  static Browser open(int port) {
    return new Browser(port, 1280, 900, false);
  }

  /** A browser that keeps the network log, so {@link #framesReceived()} can read it. */
  static Browser recordingFrames(int port) {
    return new Browser(port, 1280, 900, true);
  }

  private Browser(int port, int width, int height, boolean recordFrames) {
    this.base = "http://localhost:" + port;
    try {
      this.profile = Files.createTempDirectory("hokm-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-renderer-backgrounding",
        "--disable-background-timer-throttling",
        "--lang=en-US",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    if (recordFrames) {
      logs.enable(LogType.PERFORMANCE, Level.ALL);
    }
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
  }

  WebDriverWait waiter() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  <T> T until(Function<WebDriver, T> condition) {
    return waiter().until(condition);
  }

  void get(String path) {
    driver.get(base + path);
  }

  String base() {
    return base;
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  boolean exists(String css) {
    return !all(css).isEmpty();
  }

  /** Clicks the element matching css once it is there, again if it was re-drawn meanwhile. */
  void click(String css) {
    until(
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  String view() {
    return String.valueOf(script("return document.body.dataset.view || ''"));
  }

  void awaitView(String view) {
    until(d -> view.equals(view()));
  }

  void awaitOnline() {
    until(d -> "online".equals(script("return document.getElementById('net').dataset.status")));
  }

  void signInAsGuest() {
    click("#guest");
    awaitView("lobby");
    awaitOnline();
  }

  /** Creates a private table from the lobby's form. */
  void createTable(int targetPoints, boolean bots, int turnSeconds) {
    WebElement target = find("#create-target");
    target.clear();
    target.sendKeys(Integer.toString(targetPoints));
    WebElement seconds = find("#create-seconds");
    seconds.clear();
    seconds.sendKeys(Integer.toString(turnSeconds));
    WebElement fill = find("#create-bots");
    if (fill.isSelected() != bots) {
      fill.click();
    }
    click("#create-table");
    awaitView("table");
  }

  /** Picks a bot level in one of the lobby's level selectors ("#quick-level", "#create-level"). */
  void chooseBotLevel(String selector, String level) {
    new Select(find(selector)).selectByValue(level);
  }

  boolean gameOver() {
    return exists(".table-view.status-over") || exists(".table-view.status-closed");
  }

  /**
   * Makes this player's next decision if there is one now: the trump (the first suit) or the first
   * card the page offers as legal. Returns whether it acted.
   */
  boolean actIfMyTurn() {
    try {
      List<WebElement> suits = all(".trump-chooser .suit-button:not([disabled])");
      if (!suits.isEmpty()) {
        suits.get(0).click();
        return true;
      }
      List<WebElement> legal = all(".hand.is-playing .hand-card.is-legal[aria-disabled='false']");
      if (!legal.isEmpty()) {
        legal.get(0).click();
        return true;
      }
    } catch (StaleElementReferenceException | NoSuchElementException e) {
      // Re-drawn while we looked: the next look sees the new page.
    }
    return false;
  }

  /** Plays this seat by clicking only the cards the page marks legal, until the game is over. */
  void playUntilGameOver() {
    until(
        d -> {
          if (gameOver()) {
            return true;
          }
          actIfMyTurn();
          return false;
        });
  }

  /** Whether it is this player's turn to play a card, with cards already on the table. */
  boolean myTurnMidTrick() {
    Object played =
        script(
            "const t = document.querySelector('.table-view .trick');"
                + " return document.querySelector('.hand.is-playing') && t ? t.dataset.played : '0';");
    return played != null && Integer.parseInt(String.valueOf(played)) > 0;
  }

  /** Plays this seat until it is to play a card with cards already on the table. */
  void playUntilMyTurnMidTrick() {
    until(
        d -> {
          if (myTurnMidTrick()) {
            return true;
          }
          if (gameOver()) {
            throw new AssertionError("the game ended before a turn in the middle of a trick");
          }
          actIfMyTurn();
          return false;
        });
  }

  /** Opens "My games" until the finished game is listed (the journal writes it shortly after). */
  void openGamesList() {
    until(
        d -> {
          if (exists("#profile table.games")) {
            return true;
          }
          click("a[href='#/leaderboard']");
          click("a[href='#/profile']");
          until(x -> exists("#profile h1"));
          return exists("#profile table.games");
        });
  }

  /** The seat number at the bottom of the screen: this player's own. */
  int mySeat() {
    // One script reads the page in one go: the page re-renders on every frame, so an element
    // found by one WebDriver call can be gone by the next.
    Object seat =
        until(
            d ->
                script(
                    "const s = document.querySelector('.seat.pos-0'); return s && s.dataset.seat"));
    return Integer.parseInt(seat.toString());
  }

  /** The cards in the player's hand, as "suit-rank". */
  List<String> hand() {
    return strings(
        script(
            "return [...document.querySelectorAll('.hand .hand-card')].map(c => c.dataset.card)"));
  }

  /** Cards on the table now, in slot order 0..3 ("" for an empty slot). */
  List<String> tableCards() {
    return strings(
        script(
            "return [0, 1, 2, 3].map(slot => {"
                + " const c = document.querySelector('.table-view .trick .slot-' + slot + ' .card');"
                + " return c ? c.dataset.card : ''; })"));
  }

  private static List<String> strings(Object scriptResult) {
    List<String> values = new ArrayList<>();
    for (Object value : (List<?>) scriptResult) {
      values.add(String.valueOf(value));
    }
    return values;
  }

  /** Every WebSocket frame this page received so far (from Chromium's network log). */
  List<JsonNode> framesReceived() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JSON.readTree(entry.getMessage()).path("message");
      if ("Network.webSocketFrameReceived".equals(message.path("method").asString())) {
        String payload = message.path("params").path("response").path("payloadData").asString();
        frames.add(JSON.readTree(payload));
      }
    }
    return List.copyOf(frames);
  }

  /** Console errors, such as a Content-Security-Policy violation. */
  List<String> consoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  void assertNoConsoleErrors() {
    assertThat(consoleErrors()).as("errors in the browser console").isEmpty();
  }

  /** Shows the page as a phone (360 px portrait) or back as a desktop. */
  void emulate(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", width,
            "height", height,
            "deviceScaleFactor", mobile ? 2 : 1,
            "mobile", mobile));
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary folder left behind is harmless.
      }
    }
  }
}
