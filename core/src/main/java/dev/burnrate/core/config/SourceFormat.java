package dev.burnrate.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The export formats a source may declare in pipeline.yaml ({@code format:}). */
public enum SourceFormat {
  FOCUS("focus", Kind.COST),
  AWS_CUR("aws-cur", Kind.COST),
  AWS_CUR2("aws-cur2", Kind.COST),
  AZURE_EA("azure-ea", Kind.COST),
  AZURE_MCA("azure-mca", Kind.COST),
  GCP_BILLING("gcp-billing", Kind.COST),
  OCI_COST("oci-cost", Kind.COST),
  FOCUS_USAGE("focus-usage", Kind.COST),
  DCGM("dcgm", Kind.TELEMETRY),
  NVIDIA_SMI("nvidia-smi", Kind.TELEMETRY),
  PROMETHEUS_JSON("prometheus-json", Kind.TELEMETRY),
  FOCUS_CONTRACT_COMMITMENTS("focus-contract-commitments", Kind.CONTRACT_COMMITMENTS),
  AUTO("auto", Kind.COST);

  /** What a source of the format delivers, and so which stage reads it. */
  public enum Kind {
    /** Cost and usage rows: the billing ingest (Spark) writes them to lake/cost. */
    COST,
    /** GPU telemetry: the telemetry ingest (Spark) writes hourly rollups to lake/gpu. */
    TELEMETRY,
    /**
     * The FOCUS 1.3 Contract Commitment dataset: a handful of reference rows that the warehouse
     * build reads beside contracts.yaml (docs/commitments.md); no ingest reads it.
     */
    CONTRACT_COMMITMENTS
  }

  private final String key;
  private final Kind kind;

  SourceFormat(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
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

  public static Optional<SourceFormat> fromKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  public static String knownKeys() {
    return Arrays.stream(values()).map(SourceFormat::key).collect(Collectors.joining(", "));
  }
}
