/**
 * The durable record of games: sessions, seats, hands, the ordered move log and WebSocket
 * connections. A game can be replayed exactly from its session (deal secret, or for a game recorded
 * before those its seed, and rules) and its moves in sequence order. Secrets and seeds stay on the
 * server while a game is played; a finished game's replay shows its secret.
 */
@ApplicationModule(
    displayName = "Journal",
    allowedDependencies = {"engine", "gateway", "platform", "rating", "table"})
package hokm.journal;

import org.springframework.modulith.ApplicationModule;
