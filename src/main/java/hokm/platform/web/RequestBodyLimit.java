package hokm.platform.web;

import hokm.platform.ApiErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every HTTP request body at {@code hokm.security.max-request-body}: a declared length over
 * the cap is answered 413 at once; a chunked body is cut off where it passes the cap, and the
 * answer is 413 unless the application had already started one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

  private final long limit;

  RequestBodyLimit(@Value("${hokm.security.max-request-body:64KB}") DataSize limit) {
    this.limit = limit.toBytes();
  }

  /** The body stream passed the cap. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final long limit;

    TooLarge(long limit) {
      super("request body over " + limit + " bytes");
      this.limit = limit;
    }
  }

  static String message(long limit) {
    return "Request bodies are limited to " + limit + " bytes";
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      refuse(response);
      return;
    }
    chain.doFilter(new Bounded(request, limit), response);
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader("Connection", "close");
    byte[] body =
        ("{\"code\":\""
                + ApiErrorCode.PAYLOAD_TOO_LARGE.name()
                + "\",\"message\":\""
                + message(limit)
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** A request whose body stream fails once more than the limit has been read from it. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream inner = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = inner.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = inner.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws IOException {
                read += n;
                if (read > limit) {
                  throw new TooLarge(limit);
                }
              }

              @Override
              public boolean isFinished() {
                return inner.isFinished();
              }

              @Override
              public boolean isReady() {
                return inner.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                inner.setReadListener(listener);
              }
            };
      }
      return stream;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              getInputStream(),
              encoding == null
                  ? StandardCharsets.UTF_8
                  : java.nio.charset.Charset.forName(encoding)));
    }
  }
}
