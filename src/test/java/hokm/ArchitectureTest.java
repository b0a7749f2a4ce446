package hokm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hokm.engine.Game;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

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

  @Test
  void modulesOnlyUseEachOthersPublicSurface() {
    ApplicationModules.of(HokmApplication.class).verify();
  }
}
