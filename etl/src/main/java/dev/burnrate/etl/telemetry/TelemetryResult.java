package dev.burnrate.etl.telemetry;

import java.nio.file.Path;

/**
 * What one telemetry ingest run did.
 *
 * @param runId the run's id, or null when no telemetry source had files
 * @param manifest its manifest file, or null
 * @param files input files read (skipped ones included)
 * @param samples sample lines (or JSON points) written into rollups
 * @param ignored lines of metrics burnrate does not use, and {@code ignoredNoGpu}
 * @param ignoredNoGpu samples of used metrics without a GPU identity (no UUID label)
 * @param quarantined lines rejected to lake/quarantine
 * @param hourlyRows (GPU, hour) rows published
 * @param gpus distinct GPUs in them
 * @param days (source, day) units published
 */
public record TelemetryResult(
    String runId,
    Path manifest,
    int files,
    long samples,
    long ignored,
    long ignoredNoGpu,
    long quarantined,
    long hourlyRows,
    long gpus,
    int days) {

  static TelemetryResult none() {
    return new TelemetryResult(null, null, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
