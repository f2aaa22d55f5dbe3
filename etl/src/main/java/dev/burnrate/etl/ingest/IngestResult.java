package dev.burnrate.etl.ingest;

import java.nio.file.Path;

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
    int unitsUnchanged) {}
