package dev.burnrate.pipeline;

import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceFormat;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import dev.burnrate.etl.lake.LakeUnits;
import dev.burnrate.etl.lake.SourceRetirement;
import dev.burnrate.reports.RenderResult;
import dev.burnrate.reports.ReportMailer;
import dev.burnrate.reports.ReportRenderer;
import dev.burnrate.storage.PullResult;
import dev.burnrate.storage.PullStep;
import dev.burnrate.warehouse.BuildResult;
import dev.burnrate.warehouse.WarehouseBuilder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages as the commands run them, each timed into the run record. Holds at most one
 * SparkSession, started on first use and stopped by {@link #close}.
 */
public final class Stages implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
  private final PipelineConfig cfg;
  private final RunRecord record;
  private SparkSession spark;

  /** The ingest details key listing sources with lake units but no pipeline.yaml entry. */
  static final String UNCONFIGURED = "unconfigured_sources";

  private List<Map<String, Object>> freshness = List.of();
  private List<Map<String, Object>> unconfigured = List.of();
  private Map<String, String> env = System.getenv();

  Stages(PipelineConfig cfg, RunRecord record) {
    this.cfg = cfg;
    this.record = record;
    // validate every operator file before any work starts
    ContractsConfig.load(
        cfg.contractsFile(), !cfg.sourcesOf(SourceFormat.Kind.CONTRACT_COMMITMENTS).isEmpty());
  }

  public IngestResult ingest(LocalDate asOf) {
    LOG.info(
        "stage ingest: as of {}, {} source(s), Spark master {}",
        asOf,
        cfg.sources().size(),
        cfg.spark().master());
    return record.stage(
        "ingest",
        asOf,
        () -> {
          if (spark == null) {
            spark = SparkSessions.create(cfg, "burnrate-ingest");
          }
          IngestResult r = IngestJob.run(spark, cfg, asOf);
          dev.burnrate.etl.telemetry.TelemetryIngest.run(spark, cfg, asOf); // issue 6
          freshness = Freshness.check(cfg, asOf);
          unconfigured = unconfiguredSources();
          return r;
        },
        r ->
            details(
                "run_id",
                r.runId(),
                "manifest",
                r.manifest().toString(),
                "files",
                r.files(),
                "rows_written",
                r.rowsWritten(),
                "rows_quarantined",
                r.rowsQuarantined(),
                "units_new",
                r.unitsNew(),
                "units_replaced",
                r.unitsReplaced(),
                "units_unchanged",
                r.unitsUnchanged(),
                "freshness",
                freshness,
                UNCONFIGURED,
                unconfigured));
  }

  /**
   * Sources with units in the lake that pipeline.yaml no longer names, each with a warning: their
   * units count in every report until {@code burnrate retire} moves them out.
   */
  private List<Map<String, Object>> unconfiguredSources() {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    LakeUnits.unconfigured(cfg)
        .forEach(
            (source, units) -> {
              LOG.warn(
                  "source {} is not in pipeline.yaml but has {} unit(s) in the lake, counted in"
                      + " every report: run 'burnrate retire --source {}' to retire it",
                  source,
                  units,
                  source);
              out.add(details("source", source, "units", units));
            });
    return out;
  }

  /**
   * Prunes superseded material older than {@code keepDays} ({@link GarbageCollection}); a dry run
   * removes nothing.
   */
  public GarbageCollection.Result gc(LocalDate asOf, int keepDays, boolean dryRun) {
    LOG.info("stage gc: keep {} day(s){}", keepDays, dryRun ? ", dry run" : "");
    return record.stage(
        "gc",
        asOf,
        () ->
            GarbageCollection.run(
                cfg.dataDir(), keepDays, dryRun, java.time.Instant.now(), record.runId()),
        r -> {
          LOG.info(
              "gc: {} {} folder(s) or file(s): {} files, {} bytes",
              r.dryRun() ? "would remove" : "removed",
              r.removed().size(),
              r.files(),
              r.bytes());
          return details(
              "dry_run", r.dryRun(),
              "keep_days", r.keepDays(),
              "cutoff", r.cutoff().toString(),
              "removed_entries", r.removed().size(),
              "removed_files", r.files(),
              "removed_bytes", r.bytes(),
              "removed",
                  r.removed().stream()
                      .map(
                          x ->
                              details(
                                  "path", x.path(),
                                  "kind", x.kind(),
                                  "files", x.files(),
                                  "bytes", x.bytes()))
                      .toList());
        });
  }

  /**
   * Moves the units and quarantine of a source pipeline.yaml no longer names to {@code
   * lake/retired/run=<run_id>/} ({@link SourceRetirement}).
   */
  public SourceRetirement.Retired retire(LocalDate asOf, String source) {
    LOG.info("stage retire: source {}", source);
    return record.stage(
        "retire",
        asOf,
        () -> SourceRetirement.retire(cfg, source, record.runId()),
        r ->
            details(
                "source", r.source(),
                "cost_units", r.costUnits(),
                "gpu_units", r.gpuUnits(),
                "quarantine_folders", r.quarantineFolders(),
                "moved_to", r.folder().toString()));
  }

  /** The environment the pull step takes credentials from (the process's, unless the demo's). */
  public void environment(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Brings every object-store source's landing copy up to date (issue 9); nothing, and no stage in
   * the run record, when every source is on a local or Hadoop path.
   */
  public List<PullResult> pull(LocalDate asOf) {
    if (PullStep.remoteSources(cfg).isEmpty()) {
      return List.of();
    }
    LOG.info("stage pull: {} object-store source(s)", PullStep.remoteSources(cfg).size());
    return record.stage(
        "pull",
        asOf,
        () -> PullStep.run(cfg, env),
        rs ->
            details(
                "sources",
                rs.stream()
                    .map(
                        r ->
                            details(
                                "source", r.source(),
                                "location", r.location(),
                                "mode", r.mode(),
                                "listed", r.listed(),
                                "skipped", r.skipped(),
                                "current", r.current(),
                                "downloaded", r.downloaded(),
                                "bytes", r.bytes(),
                                "resumed", r.resumed(),
                                "unchanged", r.unchanged(),
                                "removed", r.removed(),
                                "restated", r.restated(),
                                "requests", r.requests(),
                                "millis", r.millis()))
                    .toList()));
  }

  public BuildResult warehouse(LocalDate asOf) {
    LOG.info("stage warehouse: as of {}", asOf);
    return record.stage(
        "warehouse",
        asOf,
        () -> WarehouseBuilder.build(cfg, asOf),
        r ->
            details(
                "warehouse", r.warehouseFile().toString(),
                "models", r.models(),
                "data_tests", r.testsRun(),
                "focus_cost_rows", r.rowsFocusCost()));
  }

  public RenderResult report(LocalDate asOf) {
    LOG.info("stage report: as of {}", asOf);
    Path pdf = cfg.layout().reportsDir().resolve("executive-summary-" + asOf + ".pdf");
    return record.stage(
        "report",
        asOf,
        () -> {
          RenderResult r = ReportRenderer.render(cfg.layout().warehouseFile(), pdf, asOf);
          // pipeline.yaml mail: send the PDF; a failure keeps it in reports/ (ReportMailer)
          cfg.mail().ifPresent(m -> ReportMailer.send(m, r.pdf(), asOf, System.getenv()));
          return r;
        },
        r -> details("pdf", r.pdf().toString(), "pages", r.pages()));
  }

  /**
   * pull and ingest once, then warehouse and report for each day, oldest first, then gc with
   * pipeline.yaml's retention; returns the PDFs. The ingest reads every delivery whatever the day,
   * so one pass gives the same lake as one per day.
   */
  public List<Path> nightly(List<LocalDate> days) {
    pull(days.get(days.size() - 1));
    ingest(days.get(days.size() - 1));
    stopSpark();
    List<Path> pdfs = new java.util.ArrayList<>();
    for (LocalDate day : days) {
      warehouse(day);
      pdfs.add(report(day).pdf());
    }
    gc(days.get(days.size() - 1), cfg.retention().keepDays(), false);
    return pdfs;
  }

  public void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  @Override
  public void close() {
    stopSpark();
  }

  private static Map<String, Object> details(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
