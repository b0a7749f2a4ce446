package hokm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
  void modulesOnlyUseEachOthersPublicSurface() {
    ApplicationModules.of(HokmApplication.class).verify();
  }
}
