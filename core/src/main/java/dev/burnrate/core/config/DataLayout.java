package dev.burnrate.core.config;

import java.nio.file.Path;

/**
 * The folders below data_dir, one per stage (DESIGN.md, "Data flow"). Every stage finds its input
 * and output here and nowhere else.
 */
public record DataLayout(Path dataDir) {

  /** Raw exports as delivered. */
  public Path landing() {
    return dataDir.resolve("landing");
  }

  /** The Parquet lake root. */
  public Path lake() {
    return dataDir.resolve("lake");
  }

  /**
   * FOCUS cost rows: {@code cost/provider=P/period=YYYY-MM/source=S/account=A/*.parquet}; each leaf
   * folder is one (source, billing account, billing period) unit, replaced as a whole.
   */
  public Path lakeCost() {
    return lake().resolve("cost");
  }

  /** Earlier versions of replaced units: {@code replaced/run=ID/provider=.../...}. */
  public Path lakeReplaced() {
    return lake().resolve("replaced");
  }

  /**
   * Units of sources retired from pipeline.yaml, with their quarantine: {@code
   * retired/run=ID/cost/...}, {@code .../gpu/...}, {@code .../quarantine/...} ({@code burnrate
   * retire}); kept until {@code burnrate gc} prunes them.
   */
  public Path lakeRetired() {
    return lake().resolve("retired");
  }

  /** Where {@code burnrate gc} renames a folder before deleting it, so a crash leaves no half. */
  public Path lakeTrash() {
    return lake().resolve("_trash");
  }

  /** Hourly per-GPU telemetry rollups. */
  public Path lakeGpu() {
    return lake().resolve("gpu");
  }

  /** Rejected rows with file, line, column and reason: {@code quarantine/run=ID/*.parquet}. */
  public Path lakeQuarantine() {
    return lake().resolve("quarantine");
  }

  /** One JSON manifest per ingest run: {@code _runs/ID.json}. */
  public Path lakeRuns() {
    return lake().resolve("_runs");
  }

  /** Scratch space for a run's output before it is published. */
  public Path lakeStaging() {
    return lake().resolve("_staging");
  }

  public Path warehouseDir() {
    return dataDir.resolve("warehouse");
  }

  /** The live warehouse analysts open read-only. */
  public Path warehouseFile() {
    return warehouseDir().resolve("burnrate.duckdb");
  }

  public Path reportsDir() {
    return dataDir.resolve("reports");
  }
}
