package dev.burnrate.etl.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.etl.lake.RunManifest;
import dev.burnrate.etl.lake.SourceFiles;
import dev.burnrate.etl.lake.UnitAction;
import java.util.List;

/**
 * The telemetry ingest's run record, {@code lake/_runs/<run_id>.json}, beside the billing runs' and
 * with the same top-level keys ({@link RunManifest.Run}), so that the warehouse's {@code
 * fct_ingest_run_files} lists telemetry files too (with an empty {@code cost} list). A unit is one
 * (source, day) folder of lake/gpu.
 */
public record TelemetryManifest(
    @JsonUnwrapped RunManifest.Run run,
    @JsonProperty("kind") String kind,
    @JsonProperty("inputs") List<Input> inputs,
    @JsonProperty("gpu_units") List<Unit> units) {

  /**
   * One input file: lines read (comments and headers aside) = samples written + quarantined +
   * ignored. Ignored are the lines of metrics burnrate does not use and, counted again apart in
   * {@code rows_ignored_no_gpu}, samples of the metrics it uses that carry no GPU identity (no UUID
   * label: host-level lines); neither is bad input, so neither counts toward quarantine_max_share.
   */
  public record Input(
      @JsonUnwrapped RunManifest.FileRead read,
      @JsonProperty("rows_ignored") long rowsIgnored,
      @JsonProperty("rows_ignored_no_gpu") long rowsIgnoredNoGpu,
      @JsonProperty("cost") List<Object> cost) {

    /** A file as read, with what became of its lines. */
    static Input of(SourceConfig src, SourceFiles.InputFile f, String detected, FileCounts s) {
      return new Input(
          new RunManifest.FileRead(
              src.name(),
              src.format(),
              detected,
              TelemetryFiles.clean(f.path()),
              f.sha256(),
              f.bytes(),
              s.in(),
              s.written(),
              s.quarantined()),
          s.ignored(),
          s.noGpu(),
          List.of());
    }
  }

  /** One (source, day) folder of lake/gpu and what the run did with it. */
  public record Unit(
      @JsonProperty("source") String source,
      @JsonProperty("day") String day,
      @JsonProperty("action") UnitAction action,
      @JsonProperty("rows") long rows,
      @JsonProperty("gpus") long gpus,
      @JsonProperty("path") String path) {}
}
