package dev.burnrate.cli;

import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.demo.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A small generated data folder (two providers, a few days) for tests that run many nightlies. */
final class SmallPipeline {
  private SmallPipeline() {}

  /** The AWS billing feed of the generated folder. */
  static final Source AWS = Source.of("aws-focus", "focus", "landing/focus/aws/**");

  /** The Azure billing feed of the generated folder. */
  static final Source AZURE = Source.of("azure-focus", "focus", "landing/focus/azure/**");

  /** Generates FOCUS files into {@code dir}, keeping only the AWS and Azure billing feeds. */
  static Path create(Path dir, LocalDate end, int days) {
    try {
      Generator.generate(new Generator.Options(dir, 1, 7, end, days, 0).focusOnly());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sources(dir, AWS, AZURE);
    return dir;
  }

  /** Replaces the sources of the folder's conf/pipeline.yaml, keeping its other keys. */
  static void sources(Path dir, Source... sources) {
    Path conf = dir.resolve("conf");
    PipelineYaml.read(conf).sources(List.of(sources)).writeTo(conf);
  }

  /**
   * A copy of a data folder, so several scenarios start from identical files; without the top-level
   * folders named in {@code leaveOut}.
   */
  static Path copy(Path from, Path to, String... leaveOut) {
    Set<Path> skipped = Stream.of(leaveOut).map(from::resolve).collect(Collectors.toSet());
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (skipped.stream().anyMatch(p::startsWith)) {
          continue;
        }
        Path t = to.resolve(from.relativize(p));
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder and everything below it. */
  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The warehouse's headline numbers as text: spend per provider and every commitment's status. */
  static String numbers(Path dir) {
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    StringBuilder out = new StringBuilder();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:duckdb:" + dir.resolve("warehouse/burnrate.duckdb"), ro);
        Statement st = c.createStatement()) {
      for (String sql :
          new String[] {
            "select ProviderName, BillingCurrency, count(*), sum(BilledCost) from focus_cost group by all order by all",
            "select * from fct_spend_daily order by all",
            "select commitment_id, committed, burned, forecast_at_period_end, projected_shortfall, status from fct_commitment_status order by all",
            "select * from rpt_summary"
          }) {
        try (ResultSet rs = st.executeQuery(sql)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
