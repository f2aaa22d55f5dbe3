package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.not;

import dev.burnrate.core.config.DeliveryRule;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.core.config.StorageMode;
import dev.burnrate.etl.ingest.formats.Formats;
import dev.burnrate.etl.lake.Deliveries;
import dev.burnrate.etl.lake.DeliveryPlan;
import dev.burnrate.etl.lake.LakeRun;
import dev.burnrate.etl.lake.Quarantine;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import dev.burnrate.etl.lake.UnreadableFiles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing ingest: every billing source of pipeline.yaml into the FOCUS lake. Runs the same in
 * local mode and under spark-submit ({@link #main}).
 *
 * <p>Per source: read and map to FOCUS ({@link CostReader}), leave out the rows a newer delivery
 * supersedes ({@link Deliveries}), quarantine what cannot be typed ({@link Quarantine}), stage the
 * rest as Parquet, read the staged files back and prove that cost in = cost written + cost
 * quarantined + cost superseded per file and currency ({@link Accounting}), then publish each
 * (source, billing account, billing period) unit whose content changed, keeping the version it
 * replaces ({@link CostUnits}).
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private final PipelineConfig cfg;
  private final Configuration hadoop;
  private final LakeRun run;
  private final CostReader reader;
  private final CostUnits costUnits;
  private final Quarantine quarantine;
  private final List<RunManifest.Input> inputs = new ArrayList<>();
  private final List<RunManifest.Unit> units = new ArrayList<>();

  private IngestJob(SparkSession spark, PipelineConfig cfg) {
    this.cfg = cfg;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.run = LakeRun.start(spark, cfg, "");
    this.reader = new CostReader(spark, cfg, run.id());
    this.costUnits = new CostUnits(spark, cfg, run);
    this.quarantine = new Quarantine(spark, cfg, run.id(), "row");
  }

  /** Ingests every billing source; throws a BurnrateException (exit 3) on bad input. */
  public static IngestResult run(SparkSession spark, PipelineConfig cfg, LocalDate asOf) {
    return CostReader.oneFilePerPartition(spark, () -> new IngestJob(spark, cfg).run(asOf));
  }

  private IngestResult run(LocalDate asOf) {
    run.record(asOf, this::ingestSources, r -> new RunManifest(r, inputs, units));
    IngestResult result = IngestResult.of(run.id(), run.recordFile(), inputs, units);
    LOG.info("ingest {}: {}", run.id(), result.summary());
    return result;
  }

  private void ingestSources() {
    for (SourceConfig src : cfg.sources()) {
      SourceFormat format = src.sourceFormat();
      if (!format.isBilling()) {
        LOG.info(
            "source {}: {} is not read by the billing ingest ({})",
            src.name(),
            format.key(),
            format.kind() == SourceFormat.Kind.TELEMETRY
                ? "telemetry"
                : "contract commitments, read by the warehouse build");
        continue;
      }
      Formats.Format declared = CostReader.declared(src);
      List<SourceFiles.InputFile> files =
          DeliveryPlan.dataFiles(src.name(), SourceFiles.of(hadoop, cfg, src));
      if (files.isEmpty()) {
        LOG.warn("source {}: no files match {}", src.name(), cfg.resolveSourcePath(src));
        continue;
      }
      LOG.info("source {}: reading {} file(s) as {}", src.name(), files.size(), format.key());
      UnreadableFiles.named(files, () -> ingestSource(src, declared, files));
    }
    run.publish();
    run.verifyPublished(new Path(cfg.layout().lakeCost().toUri()));
  }

  private void ingestSource(
      SourceConfig src, Formats.Format declared, List<SourceFiles.InputFile> files) {
    CostReader.Mapped mapped = reader.read(src, declared, files);
    Dataset<Row> rows = mapped.rows().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> read = CostUnits.readTotals(rows);
      RawRows.warnShortRows(read);
      DeliveryRule rule = src.billingOptions().delivery();
      DeliveryPlan plan =
          DeliveryPlan.of(
              hadoop,
              src.name(),
              rule,
              // daily files that each add rows: GCP export batches (its own export_time rule drops
              // a repeated batch) and OCI report files
              mapped.format() == SourceFormat.GCP_BILLING
                  || mapped.format() == SourceFormat.OCI_COST,
              files,
              cfg.storageMode(src) != StorageMode.DIRECT);
      Set<List<String>> superseded = Deliveries.superseded(src.name(), rule, plan, read);
      Dataset<Row> kept = Deliveries.withoutSuperseded(rows, superseded);
      Path quarantined =
          CostUnits.rejectedRows(read, superseded) == 0
              ? null
              : quarantine.write(
                  src.name(),
                  kept.filter(CostUnits.rejected()).select(CostUnits.quarantineColumns()));
      Path staged = costUnits.stage(src, kept.filter(not(CostUnits.rejected())), read, superseded);
      List<Row> back = costUnits.readBack(staged);
      Accounting acc = new Accounting(read, back, superseded);
      List<RunManifest.FileRead> reads = new ArrayList<>();
      for (SourceFiles.InputFile f : files) {
        RunManifest.Input in =
            acc.input(src, f, mapped.detectedByFile().getOrDefault(f.path(), "unknown"));
        inputs.add(in);
        reads.add(in.read());
      }
      acc.verify();
      if (quarantined != null) {
        quarantine.checkShares(quarantined, reads);
      }
      units.addAll(costUnits.plan(src, staged, back));
    } finally {
      rows.unpersist();
    }
  }
}
