package dev.burnrate.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The export formats a source may declare in pipeline.yaml ({@code format:}), each with the {@code
 * options:} keys it accepts: its kind's ({@link Kind#optionKeys}) and its own.
 */
public enum SourceFormat {
  FOCUS("focus", Kind.COST),
  AWS_CUR("aws-cur", Kind.COST),
  AWS_CUR2("aws-cur2", Kind.COST),
  AZURE_EA("azure-ea", Kind.COST, "cost_basis"),
  AZURE_MCA("azure-mca", Kind.COST, "cost_basis"),
  GCP_BILLING("gcp-billing", Kind.COST),
  OCI_COST("oci-cost", Kind.COST),
  FOCUS_USAGE("focus-usage", Kind.COST, "rate_card"),
  DCGM("dcgm", Kind.TELEMETRY, "host_label", "instance_label", "timezone", "scrape_time"),
  NVIDIA_SMI("nvidia-smi", Kind.TELEMETRY, "timezone", "host_pattern", "columns"),
  PROMETHEUS_JSON("prometheus-json", Kind.TELEMETRY, "host_label", "instance_label"),
  FOCUS_CONTRACT_COMMITMENTS("focus-contract-commitments", Kind.CONTRACT_COMMITMENTS),
  /** Detected from each file's header; a file may turn out to be focus-usage, so rate_card. */
  AUTO("auto", Kind.COST, "rate_card");

  /** What a source of the format delivers, and so which stage reads it. */
  public enum Kind {
    /** Cost and usage rows: the billing ingest (Spark) writes them to lake/cost. */
    COST(BillingOptions.class, "delivery", "tag_key_case"),
    /** GPU telemetry: the telemetry ingest (Spark) writes hourly rollups to lake/gpu. */
    TELEMETRY(
        TelemetryOptions.class, "provider", "bill_match", "scrape_interval_seconds", "host_map"),
    /**
     * The FOCUS 1.3 Contract Commitment dataset: a handful of reference rows that the warehouse
     * build reads beside contracts.yaml (docs/commitments.md); no ingest reads it.
     */
    CONTRACT_COMMITMENTS(CommitmentOptions.class, "provider");

    private final Class<? extends SourceOptions> optionsType;
    private final List<String> optionKeys;

    Kind(Class<? extends SourceOptions> optionsType, String... optionKeys) {
      this.optionsType = optionsType;
      this.optionKeys = List.of(optionKeys);
    }

    /** The record a source's {@code options:} are read into. */
    public Class<? extends SourceOptions> optionsType() {
      return optionsType;
    }

    /** The option keys every format of the kind accepts. */
    public List<String> optionKeys() {
      return optionKeys;
    }
  }

  private final String key;
  private final Kind kind;
  private final List<String> ownOptionKeys;

  SourceFormat(String key, Kind kind, String... ownOptionKeys) {
    this.key = key;
    this.kind = kind;
    this.ownOptionKeys = List.of(ownOptionKeys);
  }

  /** The name used in pipeline.yaml. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** True for cost exports, the billing ingest's sources. */
  public boolean isBilling() {
    return kind == Kind.COST;
  }

  /**
   * The {@code options:} keys a source of this format accepts; a cost format also takes {@code
   * default.<FocusColumn>} keys ({@link BillingOptions#DEFAULT_PREFIX}).
   */
  public List<String> optionKeys() {
    return Stream.concat(kind.optionKeys.stream(), ownOptionKeys.stream()).toList();
  }

  /** True when a source of this format accepts the option {@code key}. */
  public boolean acceptsOption(String key) {
    return optionKeys().contains(key)
        || (kind == Kind.COST
            && key.startsWith(BillingOptions.DEFAULT_PREFIX)
            && key.length() > BillingOptions.DEFAULT_PREFIX.length());
  }

  public static Optional<SourceFormat> fromKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  public static String knownKeys() {
    return Arrays.stream(values()).map(SourceFormat::key).collect(Collectors.joining(", "));
  }
}
