package hokm.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java formulas give what the reference implementation gives: {@code openskill/vectors.json}
 * was written by the {@code openskill} npm package ({@code scripts/openskill/vectors.mjs}). Its
 * games are replayed in order from default ratings, so every rating going into a game is the Java's
 * own result of the games before; bots go in with their level's fixed rating and keep it.
 */
class OpenSkillVectorsTest {
  private static final double TOLERANCE = 1e-6;

  private static JsonNode vectors() throws IOException {
    try (InputStream in =
        OpenSkillVectorsTest.class.getResourceAsStream("/openskill/vectors.json")) {
      return JsonMapper.builder().build().readTree(in);
    }
  }

  private static List<List<Rating>> teams(JsonNode teams) {
    List<List<Rating>> result = new ArrayList<>();
    for (JsonNode team : teams) {
      List<Rating> players = new ArrayList<>();
      for (JsonNode player : team) {
        players.add(new Rating(player.path("mu").asDouble(), player.path("sigma").asDouble()));
      }
      result.add(players);
    }
    return result;
  }

  private static int[] ranks(JsonNode rank) {
    int[] result = new int[rank.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = rank.get(i).asInt();
    }
    return result;
  }

  private static void assertSame(List<List<Rating>> actual, JsonNode expected, String what) {
    assertThat(actual).as(what).hasSize(expected.size());
    for (int t = 0; t < expected.size(); t++) {
      assertThat(actual.get(t)).as(what + ", team " + t).hasSize(expected.get(t).size());
      for (int p = 0; p < expected.get(t).size(); p++) {
        JsonNode player = expected.get(t).get(p);
        String who = what + ", team " + t + ", player " + p;
        assertThat(actual.get(t).get(p).mu())
            .as(who + " mu")
            .isCloseTo(player.path("mu").asDouble(), within(TOLERANCE));
        assertThat(actual.get(t).get(p).sigma())
            .as(who + " sigma")
            .isCloseTo(player.path("sigma").asDouble(), within(TOLERANCE));
      }
    }
  }

  @Test
  void theVectorsComeFromTheReferenceImplementation() throws IOException {
    JsonNode vectors = vectors();
    assertThat(vectors.path("openskill").asString()).isEqualTo("5.0.1");
    assertThat(vectors.path("model").asString()).isEqualTo("PlackettLuce");
    assertThat(vectors.path("games").size()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void aSeriesOfTwoAgainstTwoGamesRatesAsTheReference() throws IOException {
    JsonNode vectors = vectors();
    Map<String, Rating> current = new HashMap<>();
    Map<String, Rating> bots = new HashMap<>();
    vectors
        .path("bots")
        .properties()
        .forEach(
            level ->
                bots.put(
                    "bot:" + level.getKey(),
                    new Rating(
                        level.getValue().path("mu").asDouble(),
                        level.getValue().path("sigma").asDouble())));
    int games = 0;
    int withBots = 0;
    for (JsonNode game : vectors.path("games")) {
      String what = "game " + games;
      List<List<Rating>> teams = new ArrayList<>();
      boolean bot = false;
      for (JsonNode team : game.path("teams")) {
        List<Rating> players = new ArrayList<>();
        for (JsonNode player : team) {
          String id = player.path("id").asString();
          bot |= bots.containsKey(id);
          players.add(
              bots.containsKey(id) ? bots.get(id) : current.getOrDefault(id, OpenSkill.initial()));
        }
        teams.add(players);
      }
      // What went into the reference's game is what the Java computed for the games before.
      assertSame(teams, game.path("teams"), what + " (before)");
      int[] rank = ranks(game.path("rank"));
      List<List<Rating>> after =
          OpenSkill.rate(teams.get(0), teams.get(1), rank[0] < rank[1] ? 1 : 2);
      assertSame(after, game.path("result"), what);
      for (int t = 0; t < 2; t++) {
        JsonNode team = game.path("teams").get(t);
        for (int p = 0; p < 2; p++) {
          String id = team.get(p).path("id").asString();
          if (!bots.containsKey(id)) {
            current.put(id, after.get(t).get(p));
          }
        }
      }
      games++;
      withBots += bot ? 1 : 0;
    }
    assertThat(games).isGreaterThanOrEqualTo(200);
    assertThat(withBots).as("games with a bot level").isGreaterThan(20);
    assertThat(current.values())
        .as("ratings moved apart")
        .anySatisfy(r -> assertThat(r.ordinal()).isGreaterThan(10))
        .allSatisfy(r -> assertThat(r.sigma()).isLessThan(OpenSkill.SIGMA));
  }

  @Test
  void manyTeamsOfAnySizeAndTiesRateAsTheReference() throws IOException {
    int n = 0;
    for (JsonNode example : vectors().path("cases")) {
      assertSame(
          OpenSkill.rate(teams(example.path("teams")), ranks(example.path("rank"))),
          example.path("result"),
          "case " + n++);
    }
    assertThat(n).isGreaterThanOrEqualTo(50);
  }
}
