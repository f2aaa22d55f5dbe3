package dev.burnrate.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The export formats a source may declare in pipeline.yaml ({@code format:}). */
public enum SourceFormat {
  FOCUS("focus", true),
  AWS_CUR("aws-cur", true),
  AWS_CUR2("aws-cur2", true),
  AZURE_EA("azure-ea", true),
  AZURE_MCA("azure-mca", true),
  GCP_BILLING("gcp-billing", true),
  OCI_COST("oci-cost", true),
  FOCUS_USAGE("focus-usage", true),
  DCGM("dcgm", false),
  NVIDIA_SMI("nvidia-smi", false),
  PROMETHEUS_JSON("prometheus-json", false),
  AUTO("auto", true);

  private final String key;
  private final boolean billing;

  SourceFormat(String key, boolean billing) {
    this.key = key;
    this.billing = billing;
  }

  /** The name used in pipeline.yaml. */
  public String key() {
    return key;
  }

  /** True for cost exports, false for GPU telemetry. */
  public boolean isBilling() {
    return billing;
  }

  public static Optional<SourceFormat> fromKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  public static String knownKeys() {
    return Arrays.stream(values()).map(SourceFormat::key).collect(Collectors.joining(", "));
  }
}
