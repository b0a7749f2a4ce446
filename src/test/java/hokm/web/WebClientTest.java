package hokm.web;

import static org.assertj.core.api.Assertions.assertThat;

import hokm.testsupport.IntegrationTest;
import hokm.testsupport.TestFrames;
import hokm.testsupport.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The browser client in a real Chromium against the real server: every scenario starts from {@code
 * /} as a person would and acts only through the page.
 */
@IntegrationTest
class WebClientTest {
  @LocalServerPort int port;
  @Autowired hokm.gateway.GatewayConfiguration gateway;

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

  @Test
  void theBotLevelChosenInTheLobbyIsTheOneTheServerSeatsAndTheTableShows() {
    Browser quick = browser();
    quick.get("/");
    quick.signInAsGuest();
    assertThat(quick.find("#quick-level").getAttribute("value")).isEqualTo("normal");
    quick.chooseBotLevel("#quick-level", "hard");
    quick.click("#quick-match");
    quick.awaitView("table");
    // The level shown comes from the server's table_state, not from the form.
    quick.until(d -> "hard".equals(quick.find(".info-row.bot-level").getAttribute("data-level")));
    assertThat(quick.find(".info-row.bot-level").getText()).contains("Hard");
    assertThat(quick.all(".seat .bot-badge")).hasSize(3);

    Browser host = browser();
    host.get("/");
    host.signInAsGuest();
    host.chooseBotLevel("#create-level", "easy");
    host.createTable(1, true, 60);
    host.until(d -> "easy".equals(host.find(".info-row.bot-level").getAttribute("data-level")));
    assertThat(host.find(".info-row.bot-level").getText()).contains("Easy");
    host.playUntilGameOver();
    assertThat(host.all(".toast")).as("no move was refused").isEmpty();
    quick.assertNoConsoleErrors();
    host.assertNoConsoleErrors();
  }

  @Test
  void fourBrowsersPlayOnePrivateTableOpenedThroughTheInvitationLink() {
    Browser host = browser();
    host.get("/");
    host.signInAsGuest();
    host.createTable(1, false, 120);
    String link = host.until(d -> host.find("#invite-link").getAttribute("value"));
    String code = host.find("#table-code").getText();
    assertThat(link).endsWith("/#/join/" + code);
    List<Browser> players = new ArrayList<>(List.of(host));
    for (int i = 0; i < 3; i++) {
      Browser friend = browser();
      friend.driver.get(link);
      friend.until(d -> friend.exists("#guest") && friend.exists(".invited"));
      friend.click("#guest");
      friend.awaitView("table");
      players.add(friend);
    }
    Set<Integer> seats = new HashSet<>();
    for (Browser player : players) {
      player.until(d -> !player.exists(".seat.is-empty"));
      seats.add(player.mySeat());
    }
    assertThat(seats).containsExactlyInAnyOrder(0, 1, 2, 3);
    // Nobody sits with a bot: four people, four names.
    assertThat(host.all(".seat .bot-badge")).isEmpty();
    host.until(
        d -> {
          boolean allOver = true;
          for (Browser player : players) {
            if (!player.gameOver()) {
              allOver = false;
              player.actIfMyTurn();
            }
          }
          return allOver;
        });
    int won = 0;
    for (Browser player : players) {
      String result = player.find(".game-over .game-result").getText();
      assertThat(result).containsAnyOf("You won the game", "You lost the game");
      if (result.contains("You won")) {
        won++;
      }
      assertThat(player.all(".toast")).isEmpty();
      player.assertNoConsoleErrors();
    }
    assertThat(won).as("one team of two wins").isEqualTo(2);
  }

  @Test
  void aReloadMidTrickReturnsToTheSameSeatHandAndTableCards() {
    Browser page = browser();
    page.get("/");
    page.signInAsGuest();
    page.createTable(1, true, 120);
    page.playUntilMyTurnMidTrick();
    int seat = page.mySeat();
    List<String> hand = page.hand();
    List<String> table = page.tableCards();
    page.driver.navigate().refresh();
    page.awaitView("table");
    page.until(d -> !page.hand().isEmpty());
    assertThat(page.mySeat()).isEqualTo(seat);
    List<String> handAfter = page.hand();
    if (handAfter.equals(hand)) {
      page.until(d -> page.myTurnMidTrick());
      assertThat(page.tableCards()).isEqualTo(table);
    } else {
      // Only if the reload outlasted the absent player's delay: the bot played one card for us.
      assertThat(hand).containsAll(handAfter);
      assertThat(hand.size() - handAfter.size()).isEqualTo(1);
    }
    page.playUntilGameOver();
    page.assertNoConsoleErrors();
  }

  @Test
  void aDroppedConnectionIsReopenedByThePageItselfToTheSameSeatHandAndTableCards() {
    Browser page = browser();
    page.get("/");
    page.signInAsGuest();
    page.createTable(1, true, 120);
    page.playUntilMyTurnMidTrick();
    int seat = page.mySeat();
    List<String> hand = page.hand();
    List<String> table = page.tableCards();
    // The server drops every socket (1001, as when an instance stops): no reload, the page must
    // reconnect by itself, with its backoff, and sync.
    var sockets =
        (hokm.gateway.internal.GameSocketHandler)
            org.springframework.test.util.ReflectionTestUtils.getField(gateway, "handler");
    sockets.closeAll();
    page.until(d -> sockets.connectionCount() > 0);
    // The page redraws as its new socket syncs: read it once it shows our seat again, either as
    // it was or (only if the reconnect outlasted the absent player's delay) with the one card a
    // bot played for us.
    page.until(
        d -> {
          try {
            if (page.mySeat() != seat) {
              return false;
            }
            List<String> now = page.hand();
            boolean same =
                now.equals(hand) && page.myTurnMidTrick() && page.tableCards().equals(table);
            boolean botPlayed = hand.containsAll(now) && hand.size() - now.size() == 1;
            return same || botPlayed;
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return false;
          }
        });
    page.playUntilGameOver();
    page.assertNoConsoleErrors();
  }

  @Test
  void aSpectatorsPageAndEveryFrameItReceivedHoldNoCardOfAHiddenHand() throws Exception {
    String hostToken = TestFrames.guestToken(port);
    try (WsClient host = WsClient.login(port, hostToken)) {
      JsonNode created =
          host.request(
              Map.of(
                  "type",
                  "create_table",
                  "private",
                  false,
                  "targetPoints",
                  1,
                  "turnSeconds",
                  300,
                  "fillWithBots",
                  true));
      String tableId = created.path("tableId").asString();
      int hostSeat = created.path("you").path("seat").asInt();
      Browser watcher = Browser.recordingFrames(port);
      browsers.add(watcher);
      watcher.get("/");
      watcher.signInAsGuest();
      String watch = "a[href='#/watch/" + tableId + "']";
      watcher.until(
          d -> {
            if (watcher.exists(watch)) {
              return true;
            }
            watcher.click("#live-refresh");
            return false;
          });
      watcher.click(watch);
      watcher.awaitView("table");
      watcher.until(d -> watcher.exists(".spectating"));
      Thread playing =
          new Thread(
              () ->
                  TestFrames.playUntilGameOver(
                      List.of(host), new int[] {hostSeat}, new java.util.Random(3)));
      playing.start();
      Set<String> seen = new HashSet<>();
      watcher.until(
          d -> {
            assertThat(watcher.exists(".hand")).as("a spectator has no hand").isFalse();
            for (WebElement card : watcher.all(".card[data-card]")) {
              seen.add(card.getAttribute("data-card"));
            }
            return watcher.gameOver();
          });
      playing.join(120_000);

      Set<String> shownInPublic = new HashSet<>();
      for (JsonNode frame : watcher.framesReceived()) {
        for (String hidden : new String[] {"cards", "hand", "legal"}) {
          assertThat(frame.has(hidden)).as("%s in %s", hidden, frame).isFalse();
        }
        String type = frame.path("type").asString();
        if (type.equals("card_played")) {
          shownInPublic.add(cardKey(frame.path("card")));
        } else if (type.equals("hakem_chosen")) {
          frame.path("dealt").forEach(c -> shownInPublic.add(cardKey(c)));
        } else if (type.equals("table_state")) {
          frame.path("table").forEach(p -> shownInPublic.add(cardKey(p.path("card"))));
        }
      }
      assertThat(shownInPublic).isNotEmpty();
      assertThat(seen).as("every card the page showed was public").isSubsetOf(shownInPublic);
      watcher.assertNoConsoleErrors();
    }
  }

  private static String cardKey(JsonNode card) {
    return card.path("suit").asString() + "-" + card.path("rank").asString();
  }

  /** Text on screen outside names and card faces that holds a Latin letter: untranslated. */
  private static List<String> untranslated(Browser page) {
    @SuppressWarnings("unchecked")
    List<String> found =
        (List<String>)
            page.script(
                "const bad = [];"
                    + " const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);"
                    + " while (walk.nextNode()) {"
                    + "   const text = walk.currentNode.textContent.trim();"
                    + "   const el = walk.currentNode.parentElement;"
                    + "   if (!text || el.closest('[translate=no], noscript')) continue;"
                    + "   if (!el.checkVisibility()) continue;"
                    + "   if (/[A-Za-z]/.test(text)) bad.push(text);"
                    + " }"
                    + " return bad;");
    return found;
  }

  @Test
  void thePersianPageIsRightToLeftAndEveryVisibleStringIsTranslated() throws Exception {
    Browser page = browser();
    page.get("/");
    page.click("#lang-switch");
    page.until(d -> "rtl".equals(page.script("return document.documentElement.dir")));
    assertThat(page.script("return document.documentElement.lang")).isEqualTo("fa");
    assertThat(untranslated(page)).as("landing").isEmpty();
    page.signInAsGuest();
    assertThat(untranslated(page)).as("lobby").isEmpty();
    page.createTable(1, true, 120);
    page.playUntilMyTurnMidTrick();
    assertThat(untranslated(page)).as("table").isEmpty();
    assertThat(page.find(".table-view").getCssValue("direction")).isEqualTo("rtl");
    page.playUntilGameOver();
    assertThat(untranslated(page)).as("game over").isEmpty();
    page.openGamesList();
    assertThat(untranslated(page)).as("profile").isEmpty();
    page.click("#profile a[href^='#/replay/']");
    page.until(d -> page.exists(".replay-view"));
    page.click("#replay-next");
    assertThat(untranslated(page)).as("replay").isEmpty();
    page.click("a[href='#/leaderboard']");
    page.until(d -> page.exists("#leaderboard h1"));
    assertThat(untranslated(page)).as("leaderboard").isEmpty();
    // The language stays chosen across a reload.
    page.driver.navigate().refresh();
    page.until(d -> "rtl".equals(page.script("return document.documentElement.dir")));

    // Every error code of the protocol has a plain message in both languages.
    String protocol = Files.readString(Path.of("docs/protocol.md"));
    String errors =
        protocol.substring(protocol.indexOf("### `error`"), protocol.indexOf("## Close codes"));
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(errors);
    List<String> codes = new ArrayList<>();
    while (row.find()) {
      codes.add(row.group(1));
    }
    assertThat(codes).hasSizeGreaterThan(15);
    for (String code : codes) {
      Object known =
          page.driver.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
                  + " import('/assets/js/i18n.js').then(m => done(m.hasErrorMessage(arguments[0])));",
              code);
      assertThat(known).as(code).isEqualTo(Boolean.TRUE);
    }
    page.assertNoConsoleErrors();
  }

  /** Presses Tab until the focused element matches css; false if it never does. */
  private static boolean tabTo(Browser page, String css) {
    for (int i = 0; i < 80; i++) {
      Object hit =
          page.script(
              "return !!(document.activeElement && document.activeElement.matches(arguments[0]))",
              css);
      if (Boolean.TRUE.equals(hit)) {
        return true;
      }
      new Actions(page.driver).sendKeys(Keys.TAB).perform();
    }
    return false;
  }

  private static void press(Browser page, CharSequence key) {
    new Actions(page.driver).sendKeys(key).perform();
  }

  @Test
  void aGameIsPlayedWithTheKeyboardAlone() {
    Browser page = browser();
    page.get("/");
    assertThat(tabTo(page, "#guest")).isTrue();
    press(page, Keys.ENTER);
    page.awaitView("lobby");
    page.awaitOnline();
    assertThat(tabTo(page, "#create-target")).isTrue();
    press(page, Keys.chord(Keys.CONTROL, "a"));
    press(page, "1");
    assertThat(tabTo(page, "#create-bots")).isTrue();
    press(page, Keys.SPACE);
    assertThat(tabTo(page, "#create-table")).isTrue();
    press(page, Keys.ENTER);
    page.awaitView("table");
    page.until(
        d -> {
          if (page.gameOver()) {
            return true;
          }
          if (page.exists(".trump-chooser .suit-button:not([disabled])")) {
            if (tabTo(page, ".suit-button")) {
              press(page, Keys.ENTER);
            }
          } else if (page.exists(".hand.is-playing .hand-card.is-legal")) {
            if (tabTo(page, ".hand-card")) {
              for (int i = 0; i < 13 && !activeIsLegal(page); i++) {
                press(page, Keys.ARROW_RIGHT);
              }
              if (activeIsLegal(page)) {
                press(page, Keys.ENTER);
              }
            }
          }
          return false;
        });
    assertThat(page.find(".game-over .game-result").getText())
        .containsAnyOf("You won the game", "You lost the game");
    assertThat(page.all(".toast")).isEmpty();
    page.assertNoConsoleErrors();
  }

  private static boolean activeIsLegal(Browser page) {
    return Boolean.TRUE.equals(
        page.script("return document.activeElement.matches('.hand-card.is-legal')"));
  }

  @Test
  void aRefusedMoveShowsItsMessage() {
    Browser page = browser();
    page.get("/");
    page.signInAsGuest();
    page.createTable(13, true, 300);
    // A page whose markup was tampered with offers a card the rules forbid; the server refuses
    // it and the page says why, in plain words.
    page.until(
        d -> {
          if (page.gameOver()) {
            throw new AssertionError("the game ended before a card had to follow suit");
          }
          List<WebElement> illegal = page.all(".hand.is-playing .hand-card[aria-disabled='true']");
          if (!illegal.isEmpty()) {
            WebElement card = illegal.get(0);
            page.script("arguments[0].setAttribute('aria-disabled', 'false')", card);
            card.click();
            return true;
          }
          page.actIfMyTurn();
          return false;
        });
    WebElement toast = page.until(d -> d.findElement(By.cssSelector(".toast")));
    assertThat(toast.getText()).contains("You must follow the suit that was led.");
    // The game goes on: the same turn can still be played legally.
    page.until(d -> page.exists(".hand.is-playing .hand-card.is-legal"));
    page.click("#leave");
    page.awaitView("lobby");
  }

  @Test
  void aPlayerRegistersStaysSignedInAcrossReloadsWithARefreshedTokenAndLogsOut() {
    Browser page = browser();
    page.get("/");
    String name = "web" + Long.toString(System.nanoTime(), 36);
    page.find("#register-username").sendKeys(name);
    page.find("#register-password").sendKeys("long enough pass");
    page.click("#register-form button[type=submit]");
    page.awaitView("lobby");
    page.awaitOnline();
    assertThat(page.find(".me .name").getText()).isEqualTo(name);

    // An access token about to expire is refreshed before it is used: the reloaded page signs
    // in with a new pair of tokens.
    String before =
        (String) page.script("return JSON.parse(localStorage.getItem('hokm.auth')).refreshToken");
    page.script(
        "const s = JSON.parse(localStorage.getItem('hokm.auth'));"
            + " s.expiresAt = Date.now() + 1000; localStorage.setItem('hokm.auth', JSON.stringify(s));");
    page.driver.navigate().refresh();
    page.awaitView("lobby");
    page.awaitOnline();
    assertThat(page.find(".me .name").getText()).isEqualTo(name);
    String after =
        (String) page.script("return JSON.parse(localStorage.getItem('hokm.auth')).refreshToken");
    assertThat(after).isNotEqualTo(before);

    page.click("#logout");
    page.awaitView("landing");
    assertThat(page.script("return localStorage.getItem('hokm.auth')")).isNull();

    // Logging in again with the password; a wrong one gets its plain message.
    page.find("#login-username").sendKeys(name);
    page.find("#login-password").sendKeys("not the password");
    page.click("#login-form button[type=submit]");
    assertThat(page.until(d -> page.find(".toast")).getText())
        .contains("Wrong username or password.");
    page.find("#login-password").clear();
    page.find("#login-password").sendKeys("long enough pass");
    page.click("#login-form button[type=submit]");
    page.awaitView("lobby");
    page.awaitOnline();
    // The only console line is the browser noting the refused login (401) asked for above.
    assertThat(page.consoleErrors())
        .allMatch(line -> line.contains("/api/auth/login") && line.contains("401"));
  }
}
