package hokm.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as operators write it: either a JDBC URL or the {@code
 * postgres://user:pass@host:port/db?params} form that hosting platforms hand out. Credentials in
 * the URL are split out because the JDBC driver and Hikari expect them separately.
 */
public record ConnectionSettings(String jdbcUrl, String username, String password) {

  public static ConnectionSettings parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("A database URL is empty");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:")) {
      return new ConnectionSettings(trimmed, null, null);
    }
    if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
      throw new IllegalArgumentException(
          "A database URL must start with jdbc:postgresql://, postgres:// or postgresql://");
    }
    URI uri = URI.create(trimmed);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("A database URL has no host");
    }
    String user = null;
    String pass = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      pass = parts.length > 1 ? decode(parts[1]) : null;
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return new ConnectionSettings(jdbc.toString(), user, pass);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ConnectionSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + "]";
  }
}
