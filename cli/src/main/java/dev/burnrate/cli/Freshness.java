package dev.burnrate.cli;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source freshness after the ingest: for each billing source that declares {@code freshness:}, the
 * hours between the end of the as-of day and the end of the newest charge in the lake. Late past
 * {@code warn_after_hours}: a warning in the log and the run record; past {@code
 * error_after_hours}: exit 3 naming the source.
 */
final class Freshness {
  private static final Logger LOG = LoggerFactory.getLogger(Freshness.class);

  private Freshness() {}

  /** Returns one entry per checked source (for the run record); throws when one is too late. */
  static List<Map<String, Object>> check(PipelineConfig cfg, LocalDate asOf) {
    List<SourceConfig> declared =
        cfg.sources().stream()
            .filter(s -> s.freshness() != null && s.sourceFormat().isBilling())
            .toList();
    List<Map<String, Object>> out = new ArrayList<>();
    if (declared.isEmpty()) {
      return out;
    }
    Map<String, LocalDateTime> newest = newestCharge(cfg);
    LocalDateTime endOfDay = asOf.plusDays(1).atStartOfDay();
    List<String> errors = new ArrayList<>();
    for (SourceConfig s : declared) {
      LocalDateTime last = newest.get(s.name());
      long lateHours =
          last == null ? Long.MAX_VALUE : Math.max(0, Duration.between(last, endOfDay).toHours());
      String status = "ok";
      Integer warn = s.freshness().warnAfterHours();
      Integer error = s.freshness().errorAfterHours();
      String what =
          "source '"
              + s.name()
              + "': "
              + (last == null
                  ? "no data in the lake"
                  : "newest charge ends "
                      + last
                      + "Z, "
                      + lateHours
                      + " h before the end of "
                      + asOf);
      if (error != null && lateHours > error) {
        status = "error";
        errors.add(what + " (error after " + error + " h)");
      } else if (warn != null && lateHours > warn) {
        status = "late";
        LOG.warn("{} (warn after {} h): the delivery is late", what, warn);
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("source", s.name());
      e.put("newest_charge_end", last == null ? null : last + "Z");
      e.put("hours_late", last == null ? null : lateHours);
      e.put("status", status);
      out.add(e);
    }
    if (!errors.isEmpty()) {
      throw BurnrateException.input("late delivery: " + String.join("; ", errors));
    }
    return out;
  }

  private static Map<String, LocalDateTime> newestCharge(PipelineConfig cfg) {
    Map<String, LocalDateTime> out = new HashMap<>();
    if (!Files.isDirectory(cfg.layout().lakeCost())) {
      return out;
    }
    String sql =
        "select x_SourceName, max(ChargePeriodEnd) from read_parquet('"
            + cfg.layout().lakeCost().toString().replace("'", "''")
            + "/**/*.parquet', hive_partitioning = false) group by all";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        Timestamp t = rs.getTimestamp(2);
        if (t != null) {
          out.put(rs.getString(1), t.toLocalDateTime());
        }
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("No files found")) {
        return out;
      }
      throw BurnrateException.input(
          "cannot read the lake for source freshness: " + e.getMessage().split("\n")[0]);
    }
    return out;
  }
}
