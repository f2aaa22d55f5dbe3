package dev.burnrate.core.config;

/**
 * How a billing source's files relate when two of them hold the same (billing account, billing
 * period) unit: the source option {@code delivery} (docs/deliveries.md).
 */
public enum DeliveryRule implements Keyed {
  /**
   * The default: the layout says. Parts of one run folder, of one manifest or numbered parts of one
   * name are one delivery; a newer run folder or manifest of the same period replaces the older;
   * incremental feeds (OCI reports, GCP export batches) append. Anything else is ambiguous and
   * stops the run (exit 3) instead of guessing.
   */
  AUTO,
  /** Every file is a complete delivery of the units it holds; the newest file wins. */
  FILE,
  /** Every folder is one complete delivery; the newest folder wins. */
  FOLDER,
  /** Every file adds rows (incremental slices): nothing is ever superseded. */
  APPEND
}
