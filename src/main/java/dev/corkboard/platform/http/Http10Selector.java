package dev.corkboard.platform.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Takes every plain HTTP/1 connection and serves an HTTP/1.0 one as HTTP/1.1 with {@code
 * Connection: close}, since Helidon 4.5 refuses HTTP/1.0 (nginx's default upstream protocol and
 * ApacheBench's) with an empty 505.
 *
 * <p>Only the first request line of a connection is rewritten: the connection closes after its
 * answer, so no later request is ever read on it.
 */
final class Http10Selector implements ServerConnectionSelector {

  private static final String HTTP_1_0 = " HTTP/1.0";

  private final Http1ConnectionSelector http1;
  private final int maxPrologueLength;

  Http10Selector(Http1Config config) {
    this.http1 = Http1ConnectionSelector.builder().config(config).build();
    this.maxPrologueLength = config.maxPrologueLength();
  }

  @Override
  public int bytesToIdentifyConnection() {
    return 0;
  }

  @Override
  public Support supports(BufferData request) {
    // Every connection: what is not HTTP/1.0 goes to Helidon's HTTP/1.1, which answers the rest.
    return Support.SUPPORTED;
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return http1.supportedApplicationProtocols();
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    DataReader reader = ctx.dataReader();
    byte[] line;
    try {
      int eol = reader.findNewLine(maxPrologueLength);
      if (eol >= maxPrologueLength) {
        return http1.connection(ctx);
      }
      line = reader.getBuffer(eol).readBytes();
    } catch (RuntimeException e) {
      // No line yet, or a malformed one: HTTP/1.1 reads it again and answers as it does.
      return http1.connection(ctx);
    }
    String prologue = new String(line, StandardCharsets.ISO_8859_1);
    if (!prologue.endsWith(HTTP_1_0)) {
      return http1.connection(ctx);
    }
    reader.skip(line.length + 2);
    byte[] rewritten =
        (prologue.substring(0, prologue.length() - HTTP_1_0.length())
                + " HTTP/1.1\r\nConnection: close\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    return http1.connection(new Rewritten(ctx, DataReader.create(after(rewritten, reader))));
  }

  /**
   * The bytes, then whatever the reader holds and reads from the socket; null at its end, as
   * Helidon's readers expect.
   */
  private static Supplier<byte @Nullable []> after(byte[] first, DataReader reader) {
    return new Supplier<byte @Nullable []>() {
      private boolean firstSent;

      @Override
      public byte @Nullable [] get() {
        if (!firstSent) {
          firstSent = true;
          return first;
        }
        try {
          while (reader.available() == 0) {
            reader.pullData();
          }
        } catch (DataReader.InsufficientDataAvailableException e) {
          return null;
        }
        return reader.readBytes(reader.available());
      }
    };
  }

  /** The connection's context, reading through another reader. */
  private record Rewritten(ConnectionContext ctx, DataReader reader) implements ConnectionContext {

    @Override
    public ListenerContext listenerContext() {
      return ctx.listenerContext();
    }

    @Override
    public ExecutorService executor() {
      return ctx.executor();
    }

    @Override
    public DataWriter dataWriter() {
      return ctx.dataWriter();
    }

    @Override
    public DataReader dataReader() {
      return reader;
    }

    @Override
    public Router router() {
      return ctx.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
      return ctx.proxyProtocolData();
    }

    @Override
    public PeerInfo remotePeer() {
      return ctx.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
      return ctx.localPeer();
    }

    @Override
    public boolean isSecure() {
      return ctx.isSecure();
    }

    @Override
    public String socketId() {
      return ctx.socketId();
    }

    @Override
    public String childSocketId() {
      return ctx.childSocketId();
    }
  }
}
