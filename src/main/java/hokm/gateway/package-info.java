/**
 * The WebSocket endpoint {@code /ws}: the protocol codec, authentication at {@code hello}, rate
 * limits and per-socket outbound queues. See docs/protocol.md.
 */
@ApplicationModule(
    displayName = "Gateway",
    allowedDependencies = {"accounts", "engine", "security", "table"})
package hokm.gateway;

import org.springframework.modulith.ApplicationModule;
