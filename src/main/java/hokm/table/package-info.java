/**
 * Tables: seats, the game on them, timers, bots for absent or slow players, reconnection,
 * spectators, quick match by skill and private codes. Every action on a table runs on that table's
 * mailbox, one at a time.
 */
@ApplicationModule(
    displayName = "Table",
    allowedDependencies = {"engine", "platform", "security"})
package hokm.table;

import org.springframework.modulith.ApplicationModule;
