package hokm.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the WebSocket endpoint ({@code hokm.gateway.*}).
 *
 * @param maxFrameBytes largest client frame accepted; larger ones get MESSAGE_TOO_LARGE
 * @param authTimeout a socket that has not sent a valid hello by then is closed (4001)
 * @param rateBurst messages a socket may send at once
 * @param ratePerSecond messages per second a socket may send on average
 * @param floodLimit refused messages in a row after which the socket is closed (4008)
 * @param outboundBufferBytes frames queued for a socket beyond which it is closed as too slow
 *     (4009)
 * @param senderThreads threads that write frames to sockets
 */
@ConfigurationProperties("hokm.gateway")
public record GatewayProperties(
    @DefaultValue("4096") int maxFrameBytes,
    @DefaultValue("10s") Duration authTimeout,
    @DefaultValue("40") int rateBurst,
    @DefaultValue("20") int ratePerSecond,
    @DefaultValue("100") int floodLimit,
    @DefaultValue("1048576") int outboundBufferBytes,
    @DefaultValue("2") int senderThreads) {}
