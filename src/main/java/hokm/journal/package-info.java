/**
 * The durable record of games: sessions, seats, hands, the ordered move log and WebSocket
 * connections. A game can be replayed exactly from its session (seed and rules) and its moves in
 * sequence order; each hand's seed is kept too. Seeds stay on the server.
 */
package hokm.journal;
