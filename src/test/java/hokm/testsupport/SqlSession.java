package hokm.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * Plain JDBC in one transaction that is rolled back on close, so tests leave no rows behind. A
 * statement expected to fail runs under a savepoint and reports which constraint refused it.
 */
public final class SqlSession implements AutoCloseable {

  private final Connection connection;

  public SqlSession(DataSource dataSource) {
    try {
      this.connection = dataSource.getConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public int update(String sql, Object... args) {
    try (PreparedStatement s = prepare(sql, args)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  public List<Map<String, Object>> query(String sql, Object... args) {
    try (PreparedStatement s = prepare(sql, args);
        ResultSet rs = s.executeQuery()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  public Map<String, Object> one(String sql, Object... args) {
    List<Map<String, Object>> rows = query(sql, args);
    if (rows.size() != 1) {
      throw new IllegalStateException("Expected one row, got " + rows.size() + " from " + sql);
    }
    return rows.get(0);
  }

  public Object value(String sql, Object... args) {
    return one(sql, args).values().iterator().next();
  }

  /**
   * Runs a statement that must fail and returns the refusal: the constraint name for integrity
   * violations, otherwise the SQLSTATE. Returns "ACCEPTED" if it did not fail.
   */
  public String refusal(String sql, Object... args) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try (PreparedStatement s = prepare(sql, args)) {
      s.execute();
      connection.rollback(savepoint);
      return "ACCEPTED";
    } catch (SQLException e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        throw new IllegalStateException(rollback);
      }
      if (e instanceof PSQLException p
          && p.getServerErrorMessage() != null
          && p.getServerErrorMessage().getConstraint() != null) {
        return p.getServerErrorMessage().getConstraint();
      }
      return e.getSQLState();
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }

  /** Makes the changes so far permanent (for tests whose rows the server itself must see). */
  public void commit() {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
