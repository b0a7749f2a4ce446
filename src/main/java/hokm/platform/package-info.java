/**
 * Shared infrastructure: how the server finds its database and Redis (environment variables or the
 * embedded development defaults) and the JSON error shape every HTTP answer uses.
 */
@ApplicationModule(
    displayName = "Platform",
    allowedDependencies = {})
package hokm.platform;

import org.springframework.modulith.ApplicationModule;
