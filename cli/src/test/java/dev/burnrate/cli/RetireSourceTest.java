package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.ExitCode;
import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.pipeline.RunRecord;
import dev.burnrate.pipeline.Stages;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retiring a source (issue 18, "Retiring a source"), on a real Spark lake and a real DuckDB
 * warehouse: three generated days of AWS and Azure FOCUS, a nightly, then azure-focus removed from
 * pipeline.yaml. The next ingest warns about its units, records and exports their count; {@code
 * burnrate retire --source azure-focus} moves every unit of it to lake/retired; the warehouse built
 * afterwards holds exactly the aws-focus cost it held before (per billing currency, summed from
 * focus_cost before and after), and no azure-focus row. Retiring a configured source, or one with
 * no unit left, exits 2.
 */
class RetireSourceTest {
  private static final LocalDate DAY = LocalDate.of(2026, 10, 20);

  @TempDir Path dir;

  @Test
  void retireMovesTheUnitsOutOfTheWarehouseAndRefusesConfiguredOrEmptySources() throws IOException {
    Path data = SmallPipeline.create(dir.resolve("data"), DAY, 3);
    String conf = data.resolve("conf").toString();
    ConsoleRun nightly =
        ConsoleRun.of(Burnrate::execute, "nightly", "--conf", conf, "--date", DAY.toString());
    assertEquals(0, nightly.exitCode(), nightly.err());
    RunRecord.Data nightlyRecord = last(data);
    assertEquals(
        "gc",
        nightlyRecord.stages().get(nightlyRecord.stages().size() - 1).stage(),
        "the nightly runs gc last");
    Map<String, BigDecimal> before = costBySourceAndCurrency(data);
    assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("azure-focus|")), "" + before);
    long azureUnits = units(data.resolve("lake/cost"), "source=azure-focus");
    assertTrue(azureUnits > 0);

    ConsoleRun configured =
        ConsoleRun.of(Burnrate::execute, "retire", "--conf", conf, "--source", "azure-focus");
    assertEquals(ExitCode.USAGE, configured.exitCode(), configured.err());
    assertTrue(configured.err().contains("'azure-focus' is still configured"), configured.err());
    assertEquals(azureUnits, units(data.resolve("lake/cost"), "source=azure-focus"));

    PipelineYaml.read(data.resolve("conf"))
        .withoutSource("azure-focus")
        .writeTo(data.resolve("conf"));
    List<String> warnings = new ArrayList<>();
    ConsoleRun ingest =
        withWarnings(
            warnings,
            () ->
                ConsoleRun.of(
                    Burnrate::execute, "ingest", "--conf", conf, "--date", DAY.toString()));
    assertEquals(0, ingest.exitCode(), ingest.err());
    assertTrue(
        warnings.stream()
            .anyMatch(
                w ->
                    w.startsWith(
                        "source azure-focus is not in pipeline.yaml but has "
                            + azureUnits
                            + " unit(s)")),
        "" + warnings);
    Map<String, Object> ingestDetails = last(data).stages().get(0).details();
    assertEquals(
        List.of(Map.of("source", "azure-focus", "units", (int) azureUnits)),
        ingestDetails.get("unconfigured_sources"));
    assertTrue(
        Files.readString(data.resolve("metrics/burnrate.prom"))
            .contains("burnrate_unconfigured_source_units{source=\"azure-focus\"} " + azureUnits));

    ConsoleRun retire =
        ConsoleRun.of(Burnrate::execute, "retire", "--conf", conf, "--source", "azure-focus");
    assertEquals(0, retire.exitCode(), retire.err());
    String runId = last(data).runId();
    assertTrue(
        retire.out().startsWith("retired azure-focus: " + azureUnits + " cost unit(s)"),
        retire.out());
    assertEquals(0, units(data.resolve("lake/cost"), "source=azure-focus"));
    assertEquals(
        azureUnits,
        units(data.resolve("lake/retired/run=" + runId + "/cost"), "source=azure-focus"));
    assertFalse(Files.exists(data.resolve("lake/_staging/" + runId)), "the journal is done");

    ConsoleRun warehouse =
        ConsoleRun.of(Burnrate::execute, "warehouse", "--conf", conf, "--date", DAY.toString());
    assertEquals(0, warehouse.exitCode(), warehouse.err());
    Map<String, BigDecimal> after = costBySourceAndCurrency(data);
    Map<String, BigDecimal> awsBefore = new TreeMap<>(before);
    awsBefore.keySet().removeIf(k -> k.startsWith("azure-focus|"));
    assertEquals(awsBefore, after, "the warehouse lost exactly the retired source's cost");

    ConsoleRun again =
        ConsoleRun.of(Burnrate::execute, "retire", "--conf", conf, "--source", "azure-focus");
    assertEquals(ExitCode.USAGE, again.exitCode(), again.err());
    assertTrue(again.err().contains("'azure-focus' has no unit"), again.err());
  }

  /** Runs {@code body}, collecting the WARN lines the pipeline's stages log meanwhile. */
  private static ConsoleRun withWarnings(List<String> out, Supplier<ConsoleRun> body) {
    Logger logger = (Logger) LogManager.getLogger(Stages.class);
    AbstractAppender capture =
        new AbstractAppender("retire-test", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            if (event.getLevel().equals(Level.WARN)) {
              out.add(event.getMessage().getFormattedMessage());
            }
          }
        };
    capture.start();
    logger.addAppender(capture);
    try {
      return body.get();
    } finally {
      logger.removeAppender(capture);
      capture.stop();
    }
  }

  private static RunRecord.Data last(Path data) {
    List<RunRecord.Data> all = RunRecord.all(data);
    return all.get(all.size() - 1);
  }

  /** Leaf unit folders below {@code root} with a path segment {@code segment}. */
  private static long units(Path root, String segment) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith("account="))
          .filter(p -> p.toString().contains("/" + segment + "/"))
          .count();
    }
  }

  /** focus_cost's BilledCost summed per "source|currency". */
  private static Map<String, BigDecimal> costBySourceAndCurrency(Path data) {
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    Map<String, BigDecimal> out = new TreeMap<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:duckdb:" + data.resolve("warehouse/burnrate.duckdb"), ro);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select x_SourceName, BillingCurrency, sum(BilledCost) from focus_cost"
                    + " group by all")) {
      while (rs.next()) {
        out.put(rs.getString(1) + "|" + rs.getString(2), rs.getBigDecimal(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
