package hokm.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket clients on Netty: a few event-loop threads carry every socket, so thousands of sockets
 * cost the generator little. Callbacks run on the socket's event loop, one at a time per socket.
 */
final class Ws {
  interface Listener {
    void onOpen(Ws ws);

    void onText(Ws ws, String text);

    /** The socket is gone: {@code code} from the server's close frame, or 1006 without one. */
    void onClose(Ws ws, int code, Throwable cause);
  }

  static final class Client implements AutoCloseable {
    final EventLoopGroup group;

    Client(int threads) {
      this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    Ws connect(URI uri, SocketAddress local, Listener listener) {
      Ws ws = new Ws(listener);
      ws.connectStarted = System.nanoTime();
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      // Before anything can happen on it: the handshake may complete before
                      // connect() below returns to its caller.
                      ws.channel = ch;
                      ch.pipeline()
                          .addLast(new HttpClientCodec())
                          .addLast(new HttpObjectAggregator(65536))
                          .addLast(
                              new WebSocketClientProtocolHandler(
                                  WebSocketClientProtocolConfig.newBuilder()
                                      .webSocketUri(uri)
                                      .maxFramePayloadLength(4 << 20)
                                      .handleCloseFrames(false)
                                      .dropPongFrames(true)
                                      .handshakeTimeoutMillis(15_000)
                                      .build()))
                          .addLast(new WebSocketFrameAggregator(4 << 20))
                          .addLast(ws.new Handler());
                    }
                  });
      InetSocketAddress remote =
          new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
      ChannelFuture future =
          local == null ? bootstrap.connect(remote) : bootstrap.connect(remote, local);
      ws.channel = future.channel();
      future.addListener(
          (ChannelFutureListener)
              f -> {
                if (!f.isSuccess()) {
                  ws.closed(1006, f.cause());
                }
              });
      return ws;
    }

    @Override
    public void close() {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private final Listener listener;
  private volatile Channel channel;
  private volatile boolean open;
  private volatile boolean done;
  private int closeCode = 1006;
  long connectStarted;
  long connectedAt;
  Object attachment;

  private Ws(Listener listener) {
    this.listener = listener;
  }

  boolean isOpen() {
    return open && !done;
  }

  void send(String text) {
    Channel ch = channel;
    if (ch != null && open) {
      ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
    }
  }

  /** Runs the task on this socket's event loop after the delay. */
  void schedule(Runnable task, long nanos) {
    Channel ch = channel;
    if (nanos <= 0) {
      ch.eventLoop().execute(task);
    } else {
      ch.eventLoop().schedule(task, nanos, TimeUnit.NANOSECONDS);
    }
  }

  void close() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    if (open) {
      ch.writeAndFlush(new CloseWebSocketFrame(1000, "bye"))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ch.close();
    }
  }

  private void closed(int code, Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    open = false;
    listener.onClose(this, code, cause);
  }

  private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private Throwable failure;

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        connectedAt = System.nanoTime();
        open = true;
        listener.onOpen(Ws.this);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text) {
        listener.onText(Ws.this, text.text());
      } else if (frame instanceof CloseWebSocketFrame close) {
        closeCode = close.statusCode();
        open = false;
        ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      closed(closeCode, failure);
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failure = cause;
      ctx.close();
    }
  }
}
