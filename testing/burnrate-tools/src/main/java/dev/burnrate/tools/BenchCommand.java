package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code burnrate bench ingest --rows N [--files F]}: the ingest's speed against the engines it
 * runs on, on the same files. It writes a CUR-like gzip CSV of N rows and about 100 columns, split
 * over F files (with DuckDB, so that generating a large file takes seconds), then times, each with
 * its peak resident memory: DuckDB's own {@code COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT
 * parquet)}; Spark's bare copy of the files as delivered (every column read as a string, written as
 * Parquet, in the ingest's Spark session); and the real ingest job (aws-cur mapping, quarantine,
 * reconciliation, publish). Its last two lines are {@code ratio spark/duckdb: X.XX} (the bare Spark
 * copy's time over DuckDB's: the engine) and {@code ratio ingest/spark-copy: Y.YY} (the ingest's
 * time over the bare copy's: burnrate's own overhead).
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
        "Generate a CUR-like gzip CSV of N rows (over F files), convert it with DuckDB and with a",
        "bare Spark copy, ingest it; print rows/s and peak memory of each and, last,",
        "'ratio spark/duckdb: X.XX' and 'ratio ingest/spark-copy: Y.YY'."
      })
  static final class Ingest implements Callable<Integer> {
    /** The day the bench ingests as of: its generated bill is for October 2026. */
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    @Option(
        names = "--rows",
        defaultValue = "1000000",
        description = "Rows (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(
        names = "--files",
        defaultValue = "1",
        description = "Split the rows over this many files (default ${DEFAULT-VALUE}).")
    int files;

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
      if (files < 1 || files > rows) {
        throw BurnrateException.config("bench: --files must be between 1 and --rows");
      }
      BenchRuns.cleanScratch(out);
      Path landing =
          Files.createDirectories(out.resolve("data/landing/cur/20261001-20261101/bench"));
      String glob = landing.resolve("bench-cur-*.csv.gz").toString();
      double genSeconds = generate(landing);
      long bytes;
      try (var s = Files.list(landing)) {
        bytes = s.mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf(
          Locale.ROOT,
          "bench ingest: %,d rows x %d columns in %d file(s), %s (%.1f MiB gzip), generated in"
              + " %.1f s%n",
          rows,
          CurColumns.all().size(),
          files,
          glob,
          bytes / 1048576.0,
          genSeconds);

      // DuckDB: the same files to Parquet
      PeakMemory.reset();
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        s.execute(
            "copy (select * from read_csv('"
                + glob
                + "')) to '"
                + out.resolve("duckdb.parquet")
                + "' (format parquet)");
      }
      Timed duck = new Timed("duckdb copy", PeakMemory.seconds(t0), PeakMemory.rssKb(), -1);

      // under the data folder's lock and with a run record, as every ingest runs
      List<Timed> sparkSteps =
          BenchRuns.run(
              pipelineConfig(),
              "bench ingest",
              AS_OF,
              "burnrate-bench",
              spark ->
                  List.of(
                      timed("spark copy", () -> sparkCopy(spark, landing)),
                      timed("ingest", () -> ingest(spark))));
      Timed copy = sparkSteps.get(0);
      Timed ingest = sparkSteps.get(1);
      String where = master.startsWith("local") ? "" : ", driver only: executors run on " + master;
      for (Timed t : List.of(duck, copy, ingest)) {
        System.out.printf(
            Locale.ROOT,
            "%-12s %8.2f s  %,12.0f rows/s  peak RSS %,d MiB%s%n",
            t.name() + ":",
            t.seconds(),
            rows / t.seconds(),
            t.peakRssKb() / 1024,
            t.heapPeakMb() < 0
                ? ""
                : String.format(Locale.ROOT, " (JVM heap peak %,d MiB)%s", t.heapPeakMb(), where));
      }
      System.out.printf(Locale.ROOT, "ratio spark/duckdb: %.2f%n", copy.seconds() / duck.seconds());
      System.out.printf(
          Locale.ROOT, "ratio ingest/spark-copy: %.2f%n", ingest.seconds() / copy.seconds());
      return 0;
    }

    /** One timed step: seconds, peak resident set and (for the JVM's own steps) heap peak. */
    private record Timed(String name, double seconds, long peakRssKb, long heapPeakMb) {}

    private static Timed timed(String name, Runnable step) {
      PeakMemory.reset();
      long t0 = System.nanoTime();
      step.run();
      return new Timed(name, PeakMemory.seconds(t0), PeakMemory.rssKb(), PeakMemory.heapMb());
    }

    /** Writes the rows over {@link #files} gzip files, rows 0.. in order; returns the seconds. */
    private double generate(Path landing) throws java.sql.SQLException {
      List<String[]> columns = CurColumns.all();
      String select =
          String.join(
              ", ", columns.stream().map(col -> col[1] + " as \"" + col[0] + "\"").toList());
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        s.execute("set preserve_insertion_order = false");
        for (int f = 0; f < files; f++) {
          s.execute(
              String.format(
                  Locale.ROOT,
                  "copy (select %s from range(%d, %d) t(i)) to '%s' (header, compression gzip)",
                  select,
                  rows * f / files,
                  rows * (f + 1) / files,
                  landing.resolve(String.format(Locale.ROOT, "bench-cur-%05d.csv.gz", f + 1))));
        }
      }
      return PeakMemory.seconds(t0);
    }

    /** Spark's bare copy: the files as delivered, every column a string, written as Parquet. */
    private void sparkCopy(SparkSession spark, Path landing) {
      String[] paths;
      try (var s = Files.list(landing)) {
        paths = s.map(Path::toString).sorted().toArray(String[]::new);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      spark
          .read()
          .option("header", "true")
          .csv(paths)
          .write()
          .parquet(out.resolve("spark-copy").toString());
    }

    private void ingest(SparkSession spark) {
      PipelineConfig cfg = pipelineConfig();
      IngestResult r = IngestJob.run(spark, cfg, AS_OF);
      if (r.rowsWritten() != rows) {
        throw new IllegalStateException(
            "bench: the ingest wrote " + r.rowsWritten() + " rows of " + rows);
      }
    }

    /** The bench's pipeline.yaml (written once): the landing folder as one aws-cur source. */
    private PipelineConfig pipelineConfig() {
      Path conf = out.resolve("conf");
      try {
        if (!Files.exists(conf.resolve("pipeline.yaml"))) {
          Files.createDirectories(conf);
          Files.writeString(conf.resolve("pipeline.yaml"), pipelineYaml());
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return PipelineConfig.load(conf);
    }

    private String pipelineYaml() {
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
      return "reporting_currency: USD\ndata_dir: ../data\nquarantine_max_share: 0.0\n"
          + sparkYaml
          + "sources:\n  - name: bench\n    format: aws-cur\n    path: landing/cur/**\n";
    }

    /**
     * pipeline/target/burnrate-spark-app.jar of the checkout this class was loaded from
     * (testing/burnrate-tools/target/...).
     */
    private static Path defaultAppJar() {
      Path self;
      try {
        self =
            Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
      // testing/burnrate-tools/target/burnrate-tools.jar or .../target/classes: four levels down
      return self.getParent()
          .getParent()
          .getParent()
          .getParent()
          .resolve("pipeline/target/burnrate-spark-app.jar");
    }
  }
}
