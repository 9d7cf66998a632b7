// tests/clients/java/JdbcMatrix.java
// pgjdbc against Lakeshift: connect, prepared statements past the named-statement threshold,
// DatabaseMetaData. Prints one "section<TAB>value<TAB>..." line per fact for
// tests/clients/pgjdbc.test.ts to assert on; an exception prints "error<TAB>step<TAB>SQLSTATE<TAB>message".
// Usage: java -cp postgresql.jar:. JdbcMatrix <jdbc-url> <user> <password>

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

public class JdbcMatrix {
  interface Step {
    void run() throws SQLException;
  }

  static void out(String... parts) {
    System.out.println(String.join("\t", parts));
  }

  static void step(String name, Step s) {
    try {
      s.run();
    } catch (SQLException | RuntimeException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ').replace('\t', ' ');
      String state = e instanceof SQLException ? String.valueOf(((SQLException) e).getSQLState()) : e.getClass().getSimpleName();
      out("error", name, state, msg);
    }
  }

  static String str(Object o) {
    return o == null ? "NULL" : o.toString();
  }

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
      out("connected", c.getMetaData().getDatabaseProductName(), c.getMetaData().getDatabaseProductVersion());
      try (Statement st = c.createStatement()) {
        st.execute("create table jt (id int not null, name varchar(20), price decimal(8,2), primary key (id)) distkey(id) sortkey(name)");
        st.execute("insert into jt values (1, 'a', 1.50), (2, 'b', 2.25), (3, 'c', NULL)");
        st.execute("create view jv as select id, name from jt");
        st.execute("create table jk (a int not null, b varchar(10) not null, primary key (b, a))");
        st.execute("create function jf (int, varchar) returns numeric immutable as $$ select $1 + length($2) $$ language sql");
      }
      step("prepared", () -> {
        try (PreparedStatement ps = c.prepareStatement("select name, id from jt where id = ?")) {
          for (int i = 1; i <= 7; i++) {
            ps.setInt(1, (i % 3) + 1);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) out("prepared", String.valueOf(i), str(rs.getString(1)), String.valueOf(rs.getInt(2)));
            }
          }
        }
      });
      step("prepared-numeric", () -> {
        try (PreparedStatement ps = c.prepareStatement("select price from jt where id = ?")) {
          for (int i = 1; i <= 7; i++) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) out("prepared-numeric", String.valueOf(i), str(rs.getBigDecimal(1)));
            }
          }
        }
      });
      step("prepared-timetz", () -> {
        // pgjdbc asks for TIMETZ, TIME and TIMESTAMPTZ in binary once the statement is named (5th run on).
        try (PreparedStatement ps = c.prepareStatement(
            "select cast('12:34:56.789+05:30' as timetz), cast('23:59:59.5-08' as timetz), cast('01:02:03' as time), ? as n")) {
          for (int i = 1; i <= 7; i++) {
            ps.setInt(1, i);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next())
                out(
                    "prepared-timetz",
                    String.valueOf(rs.getInt(4)),
                    str(rs.getObject(1, java.time.OffsetTime.class)),
                    str(rs.getObject(2, java.time.OffsetTime.class)),
                    str(rs.getString(3)));
            }
          }
        }
      });
      step("prepared-insert", () -> {
        try (PreparedStatement ps = c.prepareStatement("insert into jt (id, name) values (?, ?)")) {
          for (int i = 10; i < 17; i++) {
            ps.setInt(1, i);
            ps.setString(2, "n" + i);
            out("inserted", String.valueOf(ps.executeUpdate()));
          }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*), max(name) from jt")) {
          rs.next();
          out("count", rs.getString(1), rs.getString(2));
        }
      });
      step("prepared-insert-numeric", () -> {
        try (PreparedStatement ps = c.prepareStatement("update jt set price = ? where id = ?")) {
          ps.setBigDecimal(1, new java.math.BigDecimal("9.75"));
          ps.setInt(2, 10);
          out("updated", String.valueOf(ps.executeUpdate()));
        }
      });
      step("transaction", () -> {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("insert into jt values (100, 'rolled back', 0)");
        }
        c.rollback();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from jt where id = 100")) {
          rs.next();
          out("rolledback", rs.getString(1));
        }
      });
      step("cursor", () -> {
        // A fetch size inside a transaction makes pgjdbc read the portal in pieces of 3 rows.
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.setFetchSize(3);
          try (ResultSet rs = st.executeQuery("select id from jt /* cursor */ order by id")) {
            int n = 0;
            while (rs.next()) n++;
            out("cursor", String.valueOf(n));
          }
        }
        c.commit();
        c.setAutoCommit(true);
      });
      DatabaseMetaData md = c.getMetaData();
      step("getSchemas", () -> {
        try (ResultSet rs = md.getSchemas()) {
          while (rs.next()) out("schema", rs.getString("TABLE_SCHEM"));
        }
      });
      step("getTables", () -> {
        try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE", "VIEW"})) {
          while (rs.next()) out("table", rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
        }
      });
      step("getColumns", () -> {
        try (ResultSet rs = md.getColumns(null, "public", "jt", "%")) {
          while (rs.next())
            out(
                "column",
                rs.getString("COLUMN_NAME"),
                rs.getString("TYPE_NAME"),
                rs.getString("DATA_TYPE"),
                rs.getString("COLUMN_SIZE"),
                str(rs.getString("DECIMAL_DIGITS")),
                rs.getString("IS_NULLABLE"),
                rs.getString("ORDINAL_POSITION"));
        }
      });
      step("getPrimaryKeys", () -> {
        for (String t : new String[] {"jt", "jk", "jv"}) {
          try (ResultSet rs = md.getPrimaryKeys(null, "public", t)) {
            while (rs.next()) out("pk", rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"), rs.getString("KEY_SEQ"));
          }
        }
      });
      step("getProcedureColumns", () -> {
        // pgjdbc splits pg_proc.proargtypes (an oidvector) on spaces.
        try (ResultSet rs = md.getProcedureColumns(null, "public", "jf", "%")) {
          while (rs.next())
            out(
                "proccol",
                rs.getString("PROCEDURE_NAME"),
                rs.getString("COLUMN_NAME"),
                rs.getString("COLUMN_TYPE"),
                rs.getString("DATA_TYPE"),
                rs.getString("TYPE_NAME"));
        }
      });
      step("getTypeInfo", () -> {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getTypeInfo()) {
          while (rs.next()) names.add(rs.getString("TYPE_NAME") + ":" + rs.getString("DATA_TYPE"));
        }
        out("typeinfo", String.valueOf(names.size()), String.join(",", names));
      });
    }
    out("done");
  }
}
