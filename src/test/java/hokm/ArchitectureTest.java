package hokm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hokm.engine.Game;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyType;
import org.springframework.modulith.docs.Documenter;

class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("hokm");

  @Test
  void theEngineUsesNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("hokm.engine..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("hokm.engine..", "java..")
        .because("the rules are a pure core: no framework, no I/O")
        .check(MAIN);
  }

  @Test
  void ratingsAreFormulasOnly() {
    classes()
        .that()
        .resideInAPackage("hokm.rating..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("hokm.rating..", "java..")
        .because("OpenSkill is a pure function of ratings and a finishing order")
        .check(MAIN);
  }

  @Test
  void botsCannotReachAGameOnlyTheirSeatsView() {
    noClasses()
        .that()
        .resideInAPackage("hokm.engine")
        .and()
        .haveSimpleNameEndingWith("Bot")
        .or()
        .haveSimpleNameStartingWith("SearchBot")
        .or()
        .haveSimpleName("DealSampler")
        .or()
        .haveSimpleName("Playout")
        .or()
        .haveSimpleName("GameValue")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Game.class)
        .because("a bot decides from its seat's view, and a game holds every hand")
        .check(MAIN);
  }

  /**
   * Modules use each other's root packages only, only those their package-info allows, and without
   * cycles. The one verification of the module structure.
   */
  @Test
  void modulesOnlyUseEachOthersPublicSurfaceAndWhatTheyDeclare() {
    MODULES.verify();
  }

  /**
   * The module diagrams under docs/modules and the module table in docs/architecture.md are made
   * from the code; they fail this test when they no longer match it. {@code -Dhokm.docs.write=true}
   * rewrites them.
   */
  @Test
  void theModuleDocumentsAreTheOnesTheCodeGenerates() throws IOException {
    Path generated = Path.of("target", "modulith-docs");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml();
    Path committed = Path.of("docs", "modules");
    Path architecture = Path.of("docs", "architecture.md");
    String document = Files.readString(architecture);
    String table = moduleTable();
    int begin = document.indexOf(TABLE_BEGIN);
    int end = document.indexOf(TABLE_END);
    assertThat(begin).as("docs/architecture.md marks its module table").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String rewritten =
        document.substring(0, begin + TABLE_BEGIN.length())
            + "\n"
            + table
            + document.substring(end);
    if (Boolean.getBoolean("hokm.docs.write")) {
      Files.createDirectories(committed);
      for (Path file : plantUml(committed)) {
        if (!Files.exists(generated.resolve(file.getFileName()))) {
          Files.delete(file);
        }
      }
      for (Path file : plantUml(generated)) {
        Path target = committed.resolve(file.getFileName());
        if (!Files.exists(target) || !sortedLines(target).equals(sortedLines(file))) {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(architecture, rewritten);
      document = rewritten;
    }
    String rerun = "; run mvn test -Dtest=ArchitectureTest -Dhokm.docs.write=true";
    assertThat(document).as("docs/architecture.md's module table" + rerun).isEqualTo(rewritten);
    assertThat(names(plantUml(committed)))
        .as("diagrams in docs/modules" + rerun)
        .isEqualTo(names(plantUml(generated)));
    for (Path file : plantUml(generated)) {
      // The Documenter lists elements and relations in no fixed order: compare the lines as a set.
      assertThat(sortedLines(committed.resolve(file.getFileName())))
          .as("docs/modules/" + file.getFileName() + rerun)
          .isEqualTo(sortedLines(file));
    }
  }

  private static final ApplicationModules MODULES = ApplicationModules.of(HokmApplication.class);
  private static final String TABLE_BEGIN = "<!-- module-table: generated by ArchitectureTest -->";
  private static final String TABLE_END = "<!-- /module-table -->";

  /** One row per module: what its package-info says it owns, and what it depends on. */
  private static String moduleTable() throws IOException {
    StringBuilder table = new StringBuilder("| module | owns | depends on |\n|---|---|---|\n");
    List<ApplicationModule> modules =
        MODULES.stream().sorted(Comparator.comparing(m -> m.getIdentifier().toString())).toList();
    for (ApplicationModule module : modules) {
      String id = module.getIdentifier().toString();
      String uses =
          module
              .getDirectDependencies(MODULES, DependencyType.values())
              .uniqueModules()
              .map(m -> "`" + m.getIdentifier() + "`")
              .sorted()
              .collect(Collectors.joining(", "));
      table
          .append("| `")
          .append(id)
          .append("` | ")
          .append(firstSentence(Path.of("src/main/java/hokm", id, "package-info.java")))
          .append(" | ")
          .append(uses.isEmpty() ? "none" : uses)
          .append(" |\n");
    }
    return table.toString();
  }

  /** The first sentence of a package-info's Javadoc, on one line. */
  private static String firstSentence(Path packageInfo) throws IOException {
    String source = Files.readString(packageInfo);
    String doc = source.substring(source.indexOf("/**") + 3, source.indexOf("*/"));
    String text =
        doc.lines()
            .map(line -> line.replaceFirst("^\\s*\\*\\s?", "").strip())
            .collect(Collectors.joining(" "))
            .replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`")
            .strip();
    int stop = text.indexOf(". ");
    return stop < 0 ? text : text.substring(0, stop + 1);
  }

  private static List<Path> plantUml(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".puml")).sorted().toList();
    }
  }

  private static List<String> sortedLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}
