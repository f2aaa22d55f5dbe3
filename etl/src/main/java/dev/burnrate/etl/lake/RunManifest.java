package dev.burnrate.etl.lake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The billing ingest's per-run record written to {@code lake/_runs/<run_id>.json}
 * (docs/architecture.md): the {@link Run} keys every run record there starts with, then the inputs
 * and units. The telemetry ingest's record (TelemetryManifest) shares {@link Run} and {@link
 * FileRead}.
 */
public record RunManifest(
    @JsonUnwrapped Run run,
    @JsonProperty("inputs") List<Input> inputs,
    @JsonProperty("units") List<Unit> units) {

  /**
   * The top-level keys of every run record in {@code lake/_runs/}, billing and telemetry alike,
   * that the warehouse's {@code fct_ingest_run_files} reads.
   */
  public record Run(
      @JsonProperty("run_id") String runId,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("finished_at") String finishedAt,
      @JsonProperty("as_of") String asOf,
      @JsonProperty("status") String status,
      @JsonProperty("error") String error) {}

  /**
   * The keys every input file's entry starts with, billing and telemetry alike: the file, how it
   * was read, and its rows (telemetry: lines) read, written and quarantined.
   */
  public record FileRead(
      @JsonProperty("source") String source,
      @JsonProperty("format") String format,
      @JsonProperty("detected") String detected,
      @JsonProperty("file") String file,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("rows_in") long rowsIn,
      @JsonProperty("rows_written") long rowsWritten,
      @JsonProperty("rows_quarantined") long rowsQuarantined) {}

  /**
   * One input file: what was read, written, quarantined and superseded (rows of a unit that a newer
   * delivery of the same source also holds, see docs/architecture.md), per currency.
   */
  public record Input(
      @JsonUnwrapped FileRead read,
      @JsonProperty("rows_superseded") long rowsSuperseded,
      @JsonProperty("cost") List<CurrencyCost> cost) {}

  /** Cost read, written and quarantined in one currency, as exact decimal text. */
  public record CurrencyCost(
      @JsonProperty("currency") String currency,
      @JsonProperty("cost_in") String costIn,
      @JsonProperty("cost_written") String costWritten,
      @JsonProperty("cost_quarantined") String costQuarantined,
      @JsonProperty("cost_superseded") String costSuperseded) {}

  /** One (source, billing account, billing period) unit and what this run did with it. */
  public record Unit(
      @JsonProperty("source") String source,
      @JsonProperty("provider") String provider,
      @JsonProperty("billing_account") String billingAccount,
      @JsonProperty("billing_period") String billingPeriod,
      @JsonProperty("action") UnitAction action,
      @JsonProperty("rows") long rows,
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("previous_run_id") String previousRunId,
      @JsonProperty("path") String path) {}
}
