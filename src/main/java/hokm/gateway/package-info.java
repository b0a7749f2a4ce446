/**
 * The WebSocket endpoint {@code /ws}: the protocol codec, authentication at {@code hello}, rate
 * limits and per-socket outbound queues. See docs/protocol.md.
 */
package hokm.gateway;
