package dev.burnrate.etl.telemetry;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import dev.burnrate.etl.lake.UnitAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry ingest: every {@code dcgm}, {@code prometheus-json} and {@code nvidia-smi} source
 * of pipeline.yaml into lake/gpu, hourly per GPU, published per (source, day) as the cost lake is
 * per unit. Per source: read and parse every file with Spark SQL ({@link DcgmTextReader}, {@link
 * PrometheusJsonReader}, {@link NvidiaSmiCsvReader}), count per file what was used, ignored
 * (metrics burnrate does not read, and samples without a GPU identity) and rejected, fail the run
 * (exit 3) when a file has samples without a timestamp that the source's {@code scrape_time} rule
 * cannot date, quarantine the rejected lines with file, line and reason (failing the run, exit 3,
 * when a file's share is over quarantine_max_share), roll the samples up per GPU and hour ({@link
 * HourlyRollup}), stage, then publish every day the input covers, replacing that day's earlier
 * folder.
 */
public final class TelemetryIngest {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);
  static final String SOURCE = "source";
  static final String DAY = "day";

  /** Per source folder of lake/gpu: the fingerprint of the inputs its days were built from. */
  static final String INPUTS_FILE = "_inputs.sha256";

  private final SparkSession spark;
  private final PipelineConfig cfg;
  private final Configuration hadoop;
  private LakeRun run;
  private Quarantine quarantine;
  private int files;

  private TelemetryIngest(SparkSession spark, PipelineConfig cfg) {
    this.spark = spark;
    this.cfg = cfg;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
  }

  /** True for the formats this job reads. */
  public static boolean reads(SourceFormat f) {
    return f == SourceFormat.DCGM
        || f == SourceFormat.NVIDIA_SMI
        || f == SourceFormat.PROMETHEUS_JSON;
  }

  /**
   * Ingests every telemetry source; throws a BurnrateException (exit 2 or 3) on bad config or
   * input.
   */
  public static TelemetryResult run(SparkSession spark, PipelineConfig cfg, LocalDate asOf) {
    boolean any = cfg.sources().stream().anyMatch(s -> reads(s.sourceFormat()));
    if (!any) {
      return TelemetryResult.none();
    }
    return new TelemetryIngest(spark, cfg).run(asOf);
  }

  /** Per-source work, gathered for the manifest. */
  private final List<TelemetryManifest.Input> inputs = new ArrayList<>();

  private final List<TelemetryManifest.Unit> units = new ArrayList<>();
  private final Map<Path, String> fingerprints = new HashMap<>();

  private TelemetryResult run(LocalDate asOf) {
    run = LakeRun.start(spark, cfg, "-gpu");
    quarantine = new Quarantine(spark, cfg, run.id(), "line");
    run.record(
        asOf,
        this::ingestSources,
        r ->
            inputs.isEmpty() && r.error() == null
                ? null
                : new TelemetryManifest(r, "telemetry", inputs, units));
    long samples = inputs.stream().mapToLong(i -> i.read().rowsWritten()).sum();
    long ignored = inputs.stream().mapToLong(TelemetryManifest.Input::rowsIgnored).sum();
    long noGpu = inputs.stream().mapToLong(TelemetryManifest.Input::rowsIgnoredNoGpu).sum();
    long quarantined = inputs.stream().mapToLong(i -> i.read().rowsQuarantined()).sum();
    long rows = units.stream().mapToLong(TelemetryManifest.Unit::rows).sum();
    long gpus = units.stream().mapToLong(TelemetryManifest.Unit::gpus).max().orElse(0);
    TelemetryResult r =
        new TelemetryResult(
            run.id(),
            run.recordFile(),
            files,
            samples,
            ignored,
            noGpu,
            quarantined,
            rows,
            gpus,
            units.size());
    LOG.info(
        "telemetry ingest {}: {} file(s), {} samples, {} ignored ({} without a GPU identity),"
            + " {} quarantined; {} GPU-hour rows in {} day folder(s)",
        run.id(),
        files,
        samples,
        ignored,
        noGpu,
        quarantined,
        rows,
        units.size());
    return r;
  }

  private void ingestSources() {
    for (SourceConfig src : cfg.sources()) {
      if (!reads(src.sourceFormat())) {
        continue;
      }
      TelemetryOptions o = TelemetryOptions.of(src);
      String glob = cfg.resolveSourcePath(src);
      List<SourceFiles.InputFile> listed = SourceFiles.of(hadoop, cfg, src);
      if (listed.isEmpty()) {
        LOG.warn("source {}: no files match {}", src.name(), glob);
        continue;
      }
      files += listed.size();
      LOG.info("source {}: reading {} file(s) as {}", src.name(), listed.size(), src.format());
      ingestSource(src, o, listed);
    }
    run.publish();
    // after the publish: a run that dies before this line is simply redone next time
    fingerprints.forEach(run.publisher()::writeText);
  }

  /** Parsed lines of one source, and the text lines behind them (null for JSON). */
  private record Parsed(Dataset<Row> rows, Dataset<Row> lines, String detected) {}

  private void ingestSource(
      SourceConfig src, TelemetryOptions o, List<SourceFiles.InputFile> listed) {
    String fingerprint = fingerprint(src, listed);
    Path inputsFile =
        new Path(
            new Path(cfg.layout().lakeGpu().toUri()),
            SOURCE + "=" + src.name() + "/" + INPUTS_FILE);
    if (fingerprint.equals(run.publisher().readText(inputsFile))) {
      // the same files with the same content as the run that published the source's days
      LOG.info(
          "source {}: {} file(s) unchanged since the last run: lake/gpu kept",
          src.name(),
          listed.size());
      for (SourceFiles.InputFile f : listed) {
        inputs.add(
            new TelemetryManifest.Input(
                new RunManifest.FileRead(
                    src.name(),
                    src.format(),
                    "unchanged",
                    TelemetryFiles.clean(f.path()),
                    f.sha256(),
                    f.bytes(),
                    0,
                    0,
                    0),
                0,
                0,
                List.of()));
      }
      return;
    }
    fingerprints.put(inputsFile, fingerprint);
    List<String> paths = listed.stream().map(SourceFiles.InputFile::path).toList();
    List<String> skipped = new ArrayList<>();
    Parsed parsed = parse(src, o, paths, skipped);
    if (parsed != null) {
      // counted, quarantined and rolled up from one parse
      parsed =
          new Parsed(
              parsed.rows().persist(StorageLevel.MEMORY_AND_DISK()),
              parsed.lines(),
              parsed.detected());
    }
    try {
      ingestParsed(src, o, listed, skipped, parsed);
    } finally {
      if (parsed != null) {
        parsed.rows().unpersist();
      }
    }
  }

  private void ingestParsed(
      SourceConfig src,
      TelemetryOptions o,
      List<SourceFiles.InputFile> listed,
      List<String> skipped,
      Parsed parsed) {
    Map<String, FileCounts> stats = parsed == null ? Map.of() : FileCounts.perFile(parsed.rows());
    long bad = 0;
    List<RunManifest.FileRead> reads = new ArrayList<>();
    for (SourceFiles.InputFile f : listed) {
      String clean = TelemetryFiles.clean(f.path());
      FileCounts s = stats.getOrDefault(clean, FileCounts.NONE);
      if (s.undated() > 0) {
        throw o.scrapeTime().undatedError(src.name(), clean, s.undated(), o.timezone());
      }
      bad += s.quarantined();
      boolean wasSkipped = skipped.contains(f.path());
      RunManifest.FileRead read =
          new RunManifest.FileRead(
              src.name(),
              src.format(),
              wasSkipped
                  ? "nvidia-smi-query-compute-apps (no GPU metrics, skipped)"
                  : parsed.detected(),
              clean,
              f.sha256(),
              f.bytes(),
              s.in(),
              s.written(),
              s.quarantined());
      reads.add(read);
      inputs.add(new TelemetryManifest.Input(read, s.ignored(), s.noGpu(), List.of()));
      if (wasSkipped) {
        LOG.warn("{}: not --query-gpu output (per-process rows, no utilization): skipped", clean);
      }
      if (s.noGpu() > 0) {
        LOG.warn(
            "{}: {} sample(s) of GPU metrics without a UUID label (host-level, or no GPU"
                + " identity): ignored and counted as rows_ignored_no_gpu",
            clean,
            s.noGpu());
      }
    }
    if (parsed == null) {
      return;
    }
    if (bad > 0) {
      quarantine.checkShares(quarantine.write(src.name(), rejected(src, parsed)), reads);
    }
    Dataset<Row> hourly =
        HourlyRollup.rollup(parsed.rows(), o, src.name(), src.format())
            .withColumn("x_RunId", lit(run.id()))
            .withColumn(SOURCE, lit(src.name()))
            .withColumn(DAY, date_format(col("hour"), "yyyy-MM-dd"));
    planDays(
        src,
        run.staging().write(hourly.repartition(col(DAY)), "gpu", SaveMode.Append, SOURCE, DAY));
  }

  private Parsed parse(
      SourceConfig src, TelemetryOptions o, List<String> paths, List<String> skipped) {
    return switch (src.sourceFormat()) {
      case DCGM -> {
        Dataset<Row> lines = TextLines.read(spark, paths);
        List<String> files = paths.stream().map(TelemetryFiles::clean).toList();
        Dataset<Row> dated = o.scrapeTime().undated(spark, lines, files, o.timezone());
        yield new Parsed(DcgmTextReader.parse(dated), lines, "prometheus-text");
      }
      case PROMETHEUS_JSON ->
          new Parsed(PrometheusJsonReader.parse(spark, paths, o), null, "prometheus-api-json");
      case NVIDIA_SMI -> {
        Dataset<Row> rows = NvidiaSmiCsvReader.parse(spark, hadoop, paths, o, skipped);
        yield rows == null ? null : new Parsed(rows, rows, "nvidia-smi-query-gpu-csv");
      }
      default -> throw new IllegalArgumentException(src.format());
    };
  }

  /** The rejected lines with file, line and reason, in the quarantine's columns. */
  private static Dataset<Row> rejected(SourceConfig src, Parsed parsed) {
    Dataset<Row> bad = parsed.rows().filter(col(Samples.KIND).equalTo(Samples.BAD));
    Dataset<Row> numbered =
        parsed.lines() == null
            ? bad
            : TextLines.lineNumbers(
                parsed.lines().select(TextLines.FILE, TextLines.BLOCK, TextLines.MID), bad);
    return numbered.select(
        Quarantine.columns(
            lit(src.name()),
            col(TextLines.FILE),
            col(TextLines.LINE).cast("long"),
            col(Samples.COLUMN),
            col(Samples.REASON),
            col(Samples.RAW),
            lit(null).cast("decimal(28,10)"),
            lit(null).cast("string")));
  }

  /** One move per staged day folder of the source; the live folder it replaces moves aside. */
  private void planDays(SourceConfig src, Path staged) {
    Path sourceDir = new Path(staged, SOURCE + "=" + src.name());
    if (!run.staging().holdsParquet(sourceDir)) {
      return;
    }
    List<Row> days =
        spark
            .read()
            .parquet(sourceDir.toString())
            .groupBy(col(DAY))
            .agg(count(lit(1)).as("rows"), countDistinct(col(Samples.UUID)).as("gpus"))
            .orderBy(DAY)
            .collectAsList();
    Path gpuRoot = new Path(cfg.layout().lakeGpu().toUri());
    for (Row d : days) {
      String day = d.get(0).toString();
      String rel = SOURCE + "=" + src.name() + "/" + DAY + "=" + day;
      Path target = new Path(gpuRoot, rel);
      UnitAction action =
          run.units()
              .replacing(
                  new Path(staged, rel), target, new Path(run.staging().folder("replaced"), rel));
      units.add(
          new TelemetryManifest.Unit(
              src.name(), day, action, d.getLong(1), d.getLong(2), target.toUri().getPath()));
    }
  }

  /** The source's options and every input file's path and checksum, as one line. */
  private static String fingerprint(SourceConfig src, List<SourceFiles.InputFile> listed) {
    StringBuilder sb =
        new StringBuilder(src.format()).append(' ').append(new java.util.TreeMap<>(src.options()));
    for (SourceFiles.InputFile f : listed) {
      sb.append(' ').append(f.path()).append('=').append(f.sha256());
    }
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
