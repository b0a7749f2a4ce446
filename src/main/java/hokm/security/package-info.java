/**
 * Cross-cutting protection: the audit log of sensitive events, the counter of abuse limits that
 * fired, and the retention of personal data (IP addresses, connection history). See
 * docs/security.md.
 */
@ApplicationModule(
    displayName = "Security",
    allowedDependencies = {})
package hokm.security;

import org.springframework.modulith.ApplicationModule;
