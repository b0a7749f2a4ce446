package hokm;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk through each other's root packages only, and without cycles. */
class ModuleStructureTest {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(HokmApplication.class).verify();
  }
}
