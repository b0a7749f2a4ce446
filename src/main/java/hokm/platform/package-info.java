/**
 * Shared infrastructure: how the server finds its database and Redis (environment variables or the
 * embedded development defaults), the JSON error shape every HTTP answer uses with its codes, and
 * the API's OpenAPI document.
 */
@ApplicationModule(
    displayName = "Platform",
    allowedDependencies = {})
package hokm.platform;

import org.springframework.modulith.ApplicationModule;
