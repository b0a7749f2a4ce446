/**
 * Read-only reporting over the {@code analytics} views, served from the read replica when one is
 * configured (falling back to the primary when it is not, or is down).
 */
@ApplicationModule(
    displayName = "Analytics",
    allowedDependencies = {"platform"})
package hokm.analytics;

import org.springframework.modulith.ApplicationModule;
