package dev.burnrate.etl.telemetry;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.core.config.TelemetryOptions;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import dev.burnrate.etl.lake.UnreadableFiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry ingest: every {@code dcgm}, {@code prometheus-json} and {@code nvidia-smi} source
 * of pipeline.yaml into lake/gpu, hourly per GPU, published per (source, day) as the cost lake is
 * per unit. Per source whose inputs changed since the last run ({@link InputsFingerprint}): parse
 * every file with Spark SQL ({@link ParsedSource}), count per file what was used, ignored (metrics
 * burnrate does not read, and samples without a GPU identity) and rejected, fail the run (exit 3)
 * when a file has samples without a timestamp that the source's {@code scrape_time} rule cannot
 * date, quarantine the rejected lines with file, line and reason ({@link Quarantine}: exit 3 when a
 * file's share is over quarantine_max_share), roll the samples up per GPU and hour ({@link
 * HourlyRollup}), stage, then publish every day the input covers, replacing that day's earlier
 * folder ({@link GpuDays}).
 */
public final class TelemetryIngest {
  private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngest.class);

  private final SparkSession spark;
  private final PipelineConfig cfg;

  /** The run record: what was read, published and fingerprinted. */
  private final List<TelemetryManifest.Input> inputs = new ArrayList<>();

  private final List<TelemetryManifest.Unit> units = new ArrayList<>();
  private final List<InputsFingerprint> fingerprints = new ArrayList<>();
  private int files;

  private final LakeRun run;
  private final Quarantine quarantine;
  private final GpuDays days;

  private TelemetryIngest(SparkSession spark, PipelineConfig cfg) {
    this.spark = spark;
    this.cfg = cfg;
    this.run = LakeRun.start(spark, cfg, "-gpu");
    this.quarantine = new Quarantine(spark, cfg, run.id(), "line");
    this.days = new GpuDays(spark, cfg, run);
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

  private TelemetryResult run(LocalDate asOf) {
    run.record(
        asOf,
        this::ingestSources,
        r ->
            inputs.isEmpty() && r.error() == null
                ? null
                : new TelemetryManifest(r, "telemetry", inputs, units));
    TelemetryResult r = TelemetryResult.of(run.id(), run.recordFile(), files, inputs, units);
    LOG.info("telemetry ingest {}: {}", run.id(), r.summary());
    return r;
  }

  private void ingestSources() {
    for (SourceConfig src : cfg.sources()) {
      if (!reads(src.sourceFormat())) {
        continue;
      }
      TelemetryOptions o = src.telemetryOptions();
      List<SourceFiles.InputFile> listed =
          SourceFiles.of(spark.sparkContext().hadoopConfiguration(), cfg, src);
      if (listed.isEmpty()) {
        LOG.warn("source {}: no files match {}", src.name(), cfg.resolveSourcePath(src));
        continue;
      }
      files += listed.size();
      LOG.info("source {}: reading {} file(s) as {}", src.name(), listed.size(), src.format());
      InputsFingerprint fingerprint = new InputsFingerprint(cfg, src, listed);
      if (fingerprint.unchanged(run.publisher())) {
        LOG.info(
            "source {}: {} file(s) unchanged since the last run: lake/gpu kept",
            src.name(),
            listed.size());
        listed.forEach(
            f -> inputs.add(TelemetryManifest.Input.of(src, f, "unchanged", FileCounts.NONE)));
        continue;
      }
      fingerprints.add(fingerprint);
      UnreadableFiles.named(listed, () -> ingestSource(src, o, listed));
    }
    run.publish();
    // after the publish: a run that dies before this line is simply redone next time
    fingerprints.forEach(f -> f.store(run.publisher()));
  }

  private void ingestSource(
      SourceConfig src, TelemetryOptions o, List<SourceFiles.InputFile> listed) {
    ParsedSource parsed = ParsedSource.parse(spark, src, o, listed).persist();
    try {
      List<RunManifest.FileRead> reads = new ArrayList<>();
      parsed.recordFiles(
          src,
          o,
          listed,
          in -> {
            inputs.add(in);
            reads.add(in.read());
          });
      if (parsed.rows() == null) {
        return;
      }
      if (reads.stream().anyMatch(f -> f.rowsQuarantined() > 0)) {
        quarantine.checkShares(quarantine.write(src.name(), parsed.rejected(src.name())), reads);
      }
      Dataset<Row> hourly = HourlyRollup.rollup(parsed.rows(), o, src.name(), src.format());
      units.addAll(days.plan(src.name(), days.stage(src.name(), hourly)));
    } finally {
      parsed.unpersist();
    }
  }
}
