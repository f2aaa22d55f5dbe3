package dev.burnrate.etl.lake;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.SourceConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a source's files relate when two of them hold the same (billing account, billing period)
 * unit: the source option {@code delivery} (docs/deliveries.md).
 */
public enum DeliveryRule {
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
  APPEND;

  static final String OPTION = "delivery";

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source's rule ({@link #AUTO} when the option is absent). */
  public static DeliveryRule of(SourceConfig src) {
    String value = src.options().get(OPTION);
    if (value == null) {
      return AUTO;
    }
    for (DeliveryRule r : values()) {
      if (r.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw BurnrateException.config(
        "source '"
            + src.name()
            + "': option delivery must be one of "
            + Arrays.stream(values()).map(DeliveryRule::key).collect(Collectors.joining(", "))
            + ", not '"
            + value
            + "'");
  }
}
