package dev.burnrate.etl.telemetry;

import java.nio.file.Path;
import java.util.List;

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

  /** The result of a run from its record's inputs and units. */
  static TelemetryResult of(
      String runId,
      Path manifest,
      int files,
      List<TelemetryManifest.Input> inputs,
      List<TelemetryManifest.Unit> units) {
    return new TelemetryResult(
        runId,
        manifest,
        files,
        inputs.stream().mapToLong(i -> i.read().rowsWritten()).sum(),
        inputs.stream().mapToLong(TelemetryManifest.Input::rowsIgnored).sum(),
        inputs.stream().mapToLong(TelemetryManifest.Input::rowsIgnoredNoGpu).sum(),
        inputs.stream().mapToLong(i -> i.read().rowsQuarantined()).sum(),
        units.stream().mapToLong(TelemetryManifest.Unit::rows).sum(),
        units.stream().mapToLong(TelemetryManifest.Unit::gpus).max().orElse(0),
        units.size());
  }

  /** One line for the log. */
  String summary() {
    return String.format(
        "%d file(s), %d samples, %d ignored (%d without a GPU identity), %d quarantined;"
            + " %d GPU-hour rows in %d day folder(s)",
        files, samples, ignored, ignoredNoGpu, quarantined, hourlyRows, days);
  }

  static TelemetryResult none() {
    return new TelemetryResult(null, null, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
