package dev.burnrate.warehouse;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.WarehouseSettings;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A conf folder and data_dir in a temporary directory: contracts.yaml, fx-rates.csv, run manifests
 * and lake cost rows written as real Parquet (DuckDB COPY, DECIMAL(28,10), TIMESTAMP) into the lake
 * layout of docs/architecture.md; builds the warehouse and queries it read-only.
 */
final class TestWarehouse {
  final Path conf;
  final Path data;
  private final List<CostRow> rows = new ArrayList<>();
  private List<SourceConfig> sources = List.of();
  private List<String> preferredSources = List.of();
  private WarehouseSettings warehouseSettings = WarehouseSettings.DEFAULT;

  TestWarehouse(Path tmp) {
    this.conf = tmp.resolve("conf");
    this.data = tmp.resolve("data");
    try {
      Files.createDirectories(conf);
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PipelineConfig config() {
    return PipelineConfig.builder(conf, data)
        .sources(sources)
        .overlaps(new PipelineConfig.Overlaps(preferredSources))
        .warehouse(warehouseSettings)
        .build();
  }

  /** pipeline.yaml's warehouse block (the defaults unless set). */
  TestWarehouse warehouse(WarehouseSettings settings) {
    warehouseSettings = settings;
    return this;
  }

  /** pipeline.yaml's overlaps.prefer (none unless set). */
  TestWarehouse prefer(String... sourceNames) {
    preferredSources = List.of(sourceNames);
    return this;
  }

  /** pipeline.yaml's sources (none unless set). */
  TestWarehouse sources(SourceConfig... configured) {
    sources = List.of(configured);
    return this;
  }

  Path warehouseFile() {
    return config().layout().warehouseFile();
  }

  TestWarehouse contracts(String yaml) {
    return write(conf.resolve("contracts.yaml"), yaml);
  }

  TestWarehouse fxRates(String csv) {
    return write(conf.resolve("fx-rates.csv"), csv);
  }

  TestWarehouse manifest(String runId, String json) {
    return write(config().layout().lakeRuns().resolve(runId + ".json"), json);
  }

  TestWarehouse rows(CostRow... more) {
    rows.addAll(List.of(more));
    return this;
  }

  TestWarehouse rows(List<CostRow> more) {
    rows.addAll(more);
    return this;
  }

  /** Writes the rows (numbering x_SourceLine where unset) and builds the warehouse. */
  BuildResult build(LocalDate asOf) {
    writeLake();
    return WarehouseBuilder.build(config(), asOf);
  }

  /** Rewrites lake/cost from the rows: one Parquet file per provider, period, source, account. */
  void writeLake() {
    Path cost = config().layout().lakeCost();
    deleteTree(cost);
    writeUnits(cost, rows);
  }

  /**
   * Writes the earlier version of restated units, as the lake keeps them:
   * lake/replaced/run=RUN/provider=.../period=.../source=.../account=.../part-00000.parquet.
   */
  TestWarehouse replaced(String restatedByRunId, CostRow... earlier) {
    writeUnits(
        config().layout().lakeReplaced().resolve("run=" + restatedByRunId), List.of(earlier));
    return this;
  }

  private void writeUnits(Path cost, List<CostRow> unitRows) {
    Map<Path, List<CostRow>> units = new LinkedHashMap<>();
    long line = 1;
    for (CostRow row : unitRows) {
      row.values.putIfAbsent("x_SourceFile", "/landing/" + conf.getParent().getFileName() + ".csv");
      row.values.putIfAbsent("x_SourceLine", line++);
      String start = String.valueOf(row.get("BillingPeriodStart"));
      Path leaf =
          cost.resolve("provider=" + row.get("ProviderName"))
              .resolve("period=" + start.substring(0, Math.min(7, start.length())))
              .resolve("source=" + row.get("x_SourceName"))
              .resolve("account=" + row.get("BillingAccountId"));
      units.computeIfAbsent(leaf, k -> new ArrayList<>()).add(row);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Map.Entry<Path, List<CostRow>> unit : units.entrySet()) {
        Files.createDirectories(unit.getKey());
        String select =
            unit.getValue().stream()
                .map(TestWarehouse::select)
                .collect(Collectors.joining("\nunion all "));
        s.execute(
            "copy ("
                + select
                + ") to "
                + Sql.literal(unit.getKey().resolve("part-00000.parquet").toString())
                + " (format parquet)");
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String select(CostRow row) {
    return "select "
        + FocusColumns.ALL.stream()
            .map(col -> value(col, row.get(col.name())) + " as " + Sql.ident(col.name()))
            .collect(Collectors.joining(", "));
  }

  private static String value(FocusColumn col, Object value) {
    String type = col.type().duckdbType();
    if (value == null) {
      return "cast(null as " + type + ")";
    }
    if (value instanceof Number) {
      return "cast(" + value + " as " + type + ")";
    }
    return "cast(" + Sql.literal(value.toString()) + " as " + type + ")";
  }

  /** The rows of a query against the published warehouse, as "a | b | c" ("NULL" for null). */
  List<String> query(String sql) {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouseFile(), props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          rs.getObject(i);
          cells.add(rs.wasNull() ? "NULL" : ResultPrinter.render(rs, i));
        }
        out.add(String.join(" | ", cells));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(Sql.firstLine(e), e);
    }
  }

  private TestWarehouse write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
