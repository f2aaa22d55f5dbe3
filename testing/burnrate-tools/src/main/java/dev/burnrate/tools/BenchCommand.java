package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code burnrate bench ingest --rows N}: the ingest's speed against DuckDB's on the same file. It
 * writes a CUR-like gzip CSV of N rows and about 100 columns (with DuckDB, so that generating a
 * large file takes seconds), ingests it through the real job (aws-cur mapping, quarantine,
 * reconciliation, publish), then times DuckDB's own {@code COPY (SELECT * FROM read_csv(...)) TO
 * ... (FORMAT parquet)} on the same file. Prints rows/s and peak memory of each, and last {@code
 * ratio spark/duckdb: X.XX} (Spark's time over DuckDB's).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {
      BenchCommand.Ingest.class,
      BenchWarehouseCommand.class,
      BenchTelemetryCommand.class,
      BenchForecastCommand.class
    })
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw BurnrateException.config("bench: name a benchmark, e.g. bench ingest --rows 1000000");
  }

  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a CUR-like gzip CSV of N rows, ingest it with Spark and convert it with DuckDB;",
        "print rows/s, peak memory and, last, 'ratio spark/duckdb: X.XX'."
      })
  static final class Ingest implements Callable<Integer> {
    @Option(
        names = "--rows",
        defaultValue = "1000000",
        description = "Rows (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "${java.io.tmpdir}/burnrate-bench",
        description = "Work folder, emptied first (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
        names = "--master",
        defaultValue = "local[*]",
        description = {
          "Spark master (default: ${DEFAULT-VALUE}), e.g. spark://127.0.0.1:7077: then the",
          "bench is the driver and --app-jar is shipped to the executors."
        })
    String master;

    @Option(
        names = "--app-jar",
        paramLabel = "JAR",
        description = {
          "burnrate's Spark application jar for a cluster master (default:",
          "pipeline/target/burnrate-spark-app.jar of this installation)."
        })
    Path appJar;

    @Option(
        names = "--spark-conf",
        paramLabel = "KEY=VALUE",
        description = "A Spark property, e.g. spark.executor.memory=4g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
      if (rows < 1) {
        throw BurnrateException.config("bench: --rows must be positive");
      }
      clean(out);
      Path landing =
          Files.createDirectories(out.resolve("data/landing/cur/20261001-20261101/bench"));
      Path csv = landing.resolve("bench-cur-00001.csv.gz");
      List<String[]> columns = CurColumns.all();

      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        s.execute("set preserve_insertion_order = false");
        s.execute(
            "copy (select "
                + String.join(
                    ", ", columns.stream().map(col -> col[1] + " as \"" + col[0] + "\"").toList())
                + " from range("
                + rows
                + ") t(i)) to '"
                + csv
                + "' (header, compression gzip)");
      }
      double genSeconds = seconds(t0);
      System.out.printf(
          Locale.ROOT,
          "bench ingest: %,d rows x %d columns, %s (%.1f MiB gzip), generated in %.1f s%n",
          rows,
          columns.size(),
          csv,
          Files.size(csv) / 1048576.0,
          genSeconds);

      // DuckDB: the same file to Parquet
      resetPeak();
      t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        s.execute(
            "copy (select * from read_csv('"
                + csv
                + "')) to '"
                + out.resolve("duckdb.parquet")
                + "' (format parquet)");
      }
      double duck = seconds(t0);
      long duckPeak = peakRssKb();

      // Spark: the real ingest job over the same file
      Path conf = Files.createDirectories(out.resolve("conf"));
      Map<String, String> props = new LinkedHashMap<>(sparkConf);
      if (!master.startsWith("local")) {
        Path jar = appJar != null ? appJar : defaultAppJar();
        if (!Files.isRegularFile(jar)) {
          throw BurnrateException.config(
              "bench: " + jar + " is missing: build it with mvn -pl etl -am package");
        }
        props.putIfAbsent("spark.jars", jar.toAbsolutePath().toString());
      }
      StringBuilder sparkYaml = new StringBuilder("spark:\n  master: \"" + master + "\"\n");
      if (!props.isEmpty()) {
        sparkYaml.append("  conf:\n");
        props.forEach(
            (k, v) ->
                sparkYaml.append("    \"").append(k).append("\": \"").append(v).append("\"\n"));
      }
      Files.writeString(
          conf.resolve("pipeline.yaml"),
          "reporting_currency: USD\ndata_dir: ../data\nquarantine_max_share: 0.0\n"
              + sparkYaml
              + "sources:\n  - name: bench\n    format: aws-cur\n    path: landing/cur/**\n");
      PipelineConfig cfg = PipelineConfig.load(conf);
      SparkSession spark = SparkSessions.create(cfg, "burnrate-bench");
      double sparkSeconds;
      long sparkPeak;
      long heapPeak;
      try {
        resetPeak();
        resetHeapPeak();
        t0 = System.nanoTime();
        IngestResult r = IngestJob.run(spark, cfg, LocalDate.of(2026, 11, 30));
        sparkSeconds = seconds(t0);
        sparkPeak = peakRssKb();
        heapPeak = heapPeakMb();
        if (r.rowsWritten() != rows) {
          throw new IllegalStateException(
              "bench: the ingest wrote " + r.rowsWritten() + " rows of " + rows);
        }
      } finally {
        spark.stop();
      }
      System.out.printf(
          Locale.ROOT,
          "duckdb copy:  %8.2f s  %,12.0f rows/s  peak RSS %,d MiB%n",
          duck,
          rows / duck,
          duckPeak / 1024);
      System.out.printf(
          Locale.ROOT,
          "spark ingest: %8.2f s  %,12.0f rows/s  peak RSS %,d MiB (JVM heap peak %,d MiB)%s%n",
          sparkSeconds,
          rows / sparkSeconds,
          sparkPeak / 1024,
          heapPeak,
          master.startsWith("local") ? "" : ", driver only: executors run on " + master);
      System.out.printf(Locale.ROOT, "ratio spark/duckdb: %.2f%n", sparkSeconds / duck);
      return 0;
    }

    /**
     * pipeline/target/burnrate-spark-app.jar of the checkout this class was loaded from
     * (testing/burnrate-tools/target/...).
     */
    private static Path defaultAppJar() throws java.net.URISyntaxException {
      Path self =
          Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // testing/burnrate-tools/target/burnrate-tools.jar or .../target/classes: four levels down
      return self.getParent()
          .getParent()
          .getParent()
          .getParent()
          .resolve("pipeline/target/burnrate-spark-app.jar");
    }

    static double seconds(long t0) {
      return (System.nanoTime() - t0) / 1e9;
    }

    /** Resets the process's peak resident set size (Linux; elsewhere the peak is since start). */
    static void resetPeak() {
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      } catch (IOException | RuntimeException e) {
        // not Linux: the peak then covers the whole process
      }
    }

    static long peakRssKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        // fall through
      }
      return Runtime.getRuntime().totalMemory() / 1024;
    }

    private static void resetHeapPeak() {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
        }
      }
    }

    private static long heapPeakMb() {
      long sum = 0;
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          sum += p.getPeakUsage().getUsed();
        }
      }
      return sum / 1048576;
    }

    static void clean(Path dir) throws IOException {
      DemoCommand.refuseHomeAndWorkingDirectory(dir.toAbsolutePath().normalize());
      if (Files.exists(dir)) {
        try (var s = Files.walk(dir)) {
          for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    }
  }

  /** The bench file's columns: CUR names and DuckDB expressions over the row number i. */
  static final class CurColumns {
    private CurColumns() {}

    static List<String[]> all() {
      List<String[]> c = new ArrayList<>();
      add(c, "identity/LineItemId", "md5(i::varchar)");
      add(c, "identity/TimeInterval", "'2026-10-01T00:00:00Z/2026-10-01T01:00:00Z'");
      add(c, "bill/InvoiceId", "'EUINUS26-1234567'");
      add(c, "bill/InvoicingEntity", "'Amazon Web Services, Inc.'");
      add(c, "bill/BillingEntity", "'AWS'");
      add(c, "bill/BillType", "'Anniversary'");
      add(c, "bill/PayerAccountId", "'123456789012'");
      add(c, "bill/BillingPeriodStartDate", "'2026-10-01T00:00:00Z'");
      add(c, "bill/BillingPeriodEndDate", "'2026-11-01T00:00:00Z'");
      add(c, "lineItem/UsageAccountId", "(100000000000 + i % 40)::varchar");
      add(
          c,
          "lineItem/LineItemType",
          "case when i % 50 = 0 then 'Tax' when i % 5 = 0 then 'SavingsPlanCoveredUsage'"
              + " else 'Usage' end");
      add(
          c,
          "lineItem/UsageStartDate",
          "strftime(timestamp '2026-10-01' + to_hours((i % 720)::int), '%Y-%m-%dT%H:%M:%SZ')");
      add(
          c,
          "lineItem/UsageEndDate",
          "strftime(timestamp '2026-10-01' + to_hours((i % 720 + 1)::int), '%Y-%m-%dT%H:%M:%SZ')");
      add(c, "lineItem/ProductCode", "case when i % 3 = 0 then 'AmazonS3' else 'AmazonEC2' end");
      add(
          c,
          "lineItem/UsageType",
          "case when i % 3 = 0 then 'USE1-TimedStorage-ByteHrs'"
              + " else 'USE1-BoxUsage:' || (['p5.48xlarge','p4d.24xlarge','g5.xlarge','m5.large'])[i % 4 + 1] end");
      add(c, "lineItem/Operation", "'RunInstances'");
      add(c, "lineItem/AvailabilityZone", "'us-east-1' || chr(97 + (i % 3)::int)");
      add(c, "lineItem/ResourceId", "'i-' || lpad(printf('%x', i % 5000), 17, '0')");
      add(c, "lineItem/UsageAmount", "'1.0'");
      add(c, "lineItem/NormalizationFactor", "'64'");
      add(c, "lineItem/NormalizedUsageAmount", "'64.0'");
      add(c, "lineItem/CurrencyCode", "'USD'");
      add(c, "lineItem/UnblendedRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "lineItem/UnblendedCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "lineItem/BlendedRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "lineItem/BlendedCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "lineItem/LineItemDescription", "'USD per On Demand Linux Instance Hour'");
      add(c, "lineItem/TaxType", "case when i % 50 = 0 then 'Sales Tax' else '' end");
      add(c, "lineItem/LegalEntity", "'Amazon Web Services, Inc.'");
      add(c, "product/ProductName", "'Amazon Elastic Compute Cloud'");
      add(
          c,
          "product/instanceType",
          "(['p5.48xlarge','p4d.24xlarge','g5.xlarge','m5.large'])[i % 4 + 1]");
      add(c, "product/region", "'us-east-1'");
      add(c, "product/regionCode", "'us-east-1'");
      add(c, "product/location", "'US East (N. Virginia)'");
      add(c, "product/sku", "'SKU' || (i % 200)::varchar");
      add(c, "pricing/RateId", "(i % 1000)::varchar");
      add(c, "pricing/publicOnDemandCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "pricing/publicOnDemandRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
      add(c, "pricing/term", "'OnDemand'");
      add(c, "pricing/unit", "'Hrs'");
      add(
          c,
          "savingsPlan/SavingsPlanARN",
          "case when i % 5 = 0 then 'arn:aws:savingsplans::123456789012:savingsplan/sp-1' else '' end");
      add(
          c,
          "savingsPlan/SavingsPlanEffectiveCost",
          "case when i % 5 = 0 then ((i % 9800) / 150.0)::decimal(18,6)::varchar else '' end");
      add(c, "resourceTags/user:team", "(['research','inference','data',''])[i % 4 + 1]");
      add(c, "resourceTags/user:project", "(['llm','serving','datasets',''])[i % 4 + 1]");
      // the long sparse tail of a real CUR: product attributes, reservation and pricing details
      for (int k = c.size(), n = 0; k < 100; k++, n++) {
        add(
            c,
            (n % 3 == 0
                    ? "product/attribute"
                    : n % 3 == 1 ? "reservation/detail" : "pricing/detail")
                + n,
            "case when i % " + (n % 7 + 2) + " = 0 then 'value-" + n + "' else '' end");
      }
      return c;
    }

    private static void add(List<String[]> c, String name, String expr) {
      c.add(new String[] {name, expr});
    }
  }
}
