package hokm.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the WebSocket endpoint ({@code hokm.gateway.*}), all listed in docs/security.md.
 *
 * @param maxFrameBytes largest client frame accepted; larger ones get MESSAGE_TOO_LARGE
 * @param authTimeout a socket that has not sent a valid hello by then is closed (4001)
 * @param rateBurst messages a socket may send at once
 * @param ratePerSecond messages per second a socket may send on average
 * @param floodLimit refused messages in a row after which the socket is closed (4008)
 * @param outboundBufferBytes frames queued for a socket beyond which it is closed as too slow
 *     (4009)
 * @param senderThreads threads that write frames to sockets
 * @param connectionsPerIpPerMinute WebSocket handshakes one IP may start per minute (a burst of as
 *     many, refilled evenly); beyond it the handshake is refused with HTTP 429
 * @param maxSocketsPerIp open sockets one IP may hold; the next one is closed at once (4029)
 * @param idleTimeout a socket that sends no frame for this long is closed (4002); clients keep
 *     quiet sockets open with ping
 * @param tokenExpiryGrace after the token of an authenticated socket expires, a fresh hello must
 *     arrive within this time or the socket is closed (4401)
 * @param tablesPerMinute tables one player may create per minute (a burst of as many); beyond it
 *     create_table gets RATE_LIMITED
 * @param allowedOrigins origin patterns browsers may open the socket from ({@code *}: any); other
 *     origins get HTTP 403. Clients that send no Origin (not browsers) are not affected
 * @param sweepInterval how often idle sockets and expired tokens are looked for
 * @param sendTimeout how long one write to a socket may block before the socket is given up
 * @param pingInterval how often the server sends a WebSocket ping to each authenticated socket (the
 *     first at the sweep after hello; browsers answer with a pong by themselves); a pong is
 *     recorded as the connection's last ping, at most once per half interval. Zero sends none
 */
@ConfigurationProperties("hokm.gateway")
public record GatewayProperties(
    @DefaultValue("4096") int maxFrameBytes,
    @DefaultValue("10s") Duration authTimeout,
    @DefaultValue("40") int rateBurst,
    @DefaultValue("20") int ratePerSecond,
    @DefaultValue("100") int floodLimit,
    @DefaultValue("1048576") int outboundBufferBytes,
    @DefaultValue("2") int senderThreads,
    @DefaultValue("60") int connectionsPerIpPerMinute,
    @DefaultValue("32") int maxSocketsPerIp,
    @DefaultValue("5m") Duration idleTimeout,
    @DefaultValue("30s") Duration tokenExpiryGrace,
    @DefaultValue("5") int tablesPerMinute,
    @DefaultValue("*") List<String> allowedOrigins,
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue("5s") Duration sendTimeout,
    @DefaultValue("30s") Duration pingInterval) {}
