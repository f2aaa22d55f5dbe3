package dev.burnrate.etl.ingest;

import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.UnitAction;
import java.nio.file.Path;
import java.util.List;

/**
 * What one ingest run did.
 *
 * @param runId the run's id (also the manifest's file name)
 * @param manifest the manifest file
 * @param files input files read
 * @param rowsWritten rows now in the lake from this run (new or replaced units)
 * @param rowsQuarantined rows rejected
 * @param unitsNew units published for the first time
 * @param unitsReplaced units replaced by a re-delivery (the old version is kept)
 * @param unitsUnchanged units whose input had not changed
 */
public record IngestResult(
    String runId,
    Path manifest,
    int files,
    long rowsWritten,
    long rowsQuarantined,
    int unitsNew,
    int unitsReplaced,
    int unitsUnchanged) {

  /** The result of a run from its record's inputs and units. */
  static IngestResult of(
      String runId, Path manifest, List<RunManifest.Input> inputs, List<RunManifest.Unit> units) {
    return new IngestResult(
        runId,
        manifest,
        inputs.size(),
        units.stream()
            .filter(u -> u.action() != UnitAction.UNCHANGED)
            .mapToLong(RunManifest.Unit::rows)
            .sum(),
        inputs.stream().mapToLong(i -> i.read().rowsQuarantined()).sum(),
        count(units, UnitAction.NEW),
        count(units, UnitAction.REPLACED),
        count(units, UnitAction.UNCHANGED));
  }

  /** One line for the log. */
  String summary() {
    return String.format(
        "%d file(s), units new %d replaced %d unchanged %d, rows quarantined %d",
        files, unitsNew, unitsReplaced, unitsUnchanged, rowsQuarantined);
  }

  private static int count(List<RunManifest.Unit> units, UnitAction action) {
    return (int) units.stream().filter(u -> u.action() == action).count();
  }
}
