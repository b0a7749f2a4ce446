package hokm.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL is only ever parameterized: no SQL text in the main code is glued together with a variable or
 * a method's result. Constants (UPPER_CASE) may be concatenated; values go in as {@code ?}.
 */
class SqlParameterizationTest {
  private static final Pattern SQL =
      Pattern.compile(
          "^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|GRANT|REVOKE|CREATE|ALTER|DROP|TRUNCATE"
              + "|COPY)\\b|\\b(FROM|WHERE|VALUES|SET|INTO|AND|OR|LIMIT|ORDER BY)\\s");
  private static final String LITERAL = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
  private static final String OPERAND =
      "(?:" + LITERAL + "|[A-Za-z_][\\w.]*(?:\\((?:[^()\"]|" + LITERAL + ")*\\))?)";
  private static final Pattern CHAIN = Pattern.compile(OPERAND + "(?:\\s*\\+\\s*" + OPERAND + ")+");
  private static final Pattern FORMAT =
      Pattern.compile("(?:String\\.format|\\.formatted)\\s*\\(?\\s*" + LITERAL);

  /**
   * Where concatenation is allowed, and why: the embedded development server creates roles whose
   * names are checked against a strict pattern first (they come from configuration, never from a
   * client).
   */
  private static final Set<String> REVIEWED = Set.of("EmbeddedPostgresServer.java");

  static List<String> violations(String source) {
    List<String> found = new ArrayList<>();
    Matcher chain = CHAIN.matcher(source);
    while (chain.find()) {
      String expression = chain.group();
      boolean sql = false;
      boolean variable = false;
      for (String operand : expression.split("\\s*\\+\\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
        String trimmed = operand.trim();
        if (trimmed.startsWith("\"")) {
          sql |= SQL.matcher(trimmed.substring(1, trimmed.length() - 1)).find();
        } else if (!trimmed.matches("[A-Z][A-Z0-9_]*(\\.[A-Z][A-Z0-9_]*)*")) {
          variable = true;
        }
      }
      if (sql && variable) {
        found.add(expression);
      }
    }
    Matcher format = FORMAT.matcher(source);
    while (format.find()) {
      if (SQL.matcher(format.group()).find()) {
        found.add(format.group());
      }
    }
    return found;
  }

  @Test
  void theCheckCatchesConcatenatedSql() {
    assertThat(violations("q(\"SELECT * FROM players WHERE username = '\" + name + \"'\");"))
        .hasSize(1);
    assertThat(violations("jdbc.update(\"DELETE FROM t WHERE id = \" + request.id());")).hasSize(1);
    assertThat(violations("String.format(\"SELECT * FROM %s\", table)")).hasSize(1);
    assertThat(violations("q(\"SELECT * FROM players WHERE id = ?\", id);")).isEmpty();
    assertThat(violations("q(\"SELECT a FROM b\" + \" WHERE c = ?\");")).isEmpty();
    assertThat(violations("q(\"INSERT INTO t VALUES (?)\" + SUFFIX);")).isEmpty();
    assertThat(violations("log.info(\"listening on \" + url);")).isEmpty();
  }

  @Test
  void mainCodeNeverConcatenatesValuesIntoSql() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (REVIEWED.contains(file.getFileName().toString())) {
          continue;
        }
        for (String v : violations(Files.readString(file))) {
          problems.add(file + ": " + v);
        }
      }
    }
    assertThat(problems).isEmpty();
  }
}
