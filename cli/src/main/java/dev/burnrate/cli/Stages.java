package dev.burnrate.cli;

import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import dev.burnrate.reports.RenderResult;
import dev.burnrate.reports.ReportRenderer;
import dev.burnrate.warehouse.BuildResult;
import dev.burnrate.warehouse.WarehouseBuilder;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three stages as the commands run them. Holds at most one SparkSession, started on first use
 * and stopped by {@link #close}.
 */
final class Stages implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
  private final PipelineConfig cfg;
  private SparkSession spark;

  Stages(PipelineConfig cfg) {
    this.cfg = cfg;
    // validate every operator file before any work starts
    ContractsConfig.load(cfg.contractsFile());
  }

  IngestResult ingest(LocalDate asOf) {
    LOG.info(
        "stage ingest: as of {}, {} source(s), Spark master {}",
        asOf,
        cfg.sources().size(),
        cfg.spark().master());
    if (spark == null) {
      spark = SparkSessions.create(cfg, "burnrate-ingest");
    }
    return IngestJob.run(spark, cfg, asOf);
  }

  BuildResult warehouse(LocalDate asOf) {
    LOG.info("stage warehouse: as of {}", asOf);
    return WarehouseBuilder.build(cfg, asOf);
  }

  RenderResult report(LocalDate asOf) {
    LOG.info("stage report: as of {}", asOf);
    Path pdf = cfg.layout().reportsDir().resolve("executive-summary-" + asOf + ".pdf");
    return ReportRenderer.render(cfg.layout().warehouseFile(), pdf, asOf);
  }

  /** ingest -> warehouse -> report; returns the PDF. */
  Path nightly(LocalDate asOf) {
    ingest(asOf);
    stopSpark();
    warehouse(asOf);
    return report(asOf).pdf();
  }

  void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  @Override
  public void close() {
    stopSpark();
  }
}
