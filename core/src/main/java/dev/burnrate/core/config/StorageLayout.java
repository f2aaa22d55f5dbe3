package dev.burnrate.core.config;

/**
 * How a provider lays out its deliveries in an object store (option {@code storage.layout}); the
 * pull step's {@code ExportLayout} (module storage) reads each one's manifests.
 */
public enum StorageLayout implements Keyed {
  /** The default: every rule below at once, each where its keys say it applies. */
  AUTO,
  /** Every object the glob matches; no manifest is read. */
  FILES,
  /** Legacy CUR: a billing period folder's {@code <report>-Manifest.json} names its assembly. */
  AWS_CUR,
  /** CUR 2.0 and FOCUS exports of AWS Data Exports: {@code metadata/BILLING_PERIOD=P/}. */
  AWS_DATA_EXPORTS,
  /** Azure Cost Management exports: the latest run folder of a period is current. */
  AZURE_EXPORT,
  /** OCI's incremental cost and FOCUS reports: a report the bucket deletes keeps its copy. */
  OCI
}
