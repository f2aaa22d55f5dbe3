package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.nio.file.Path;

/**
 * pipeline.yaml's {@code warehouse:} block: how the DuckDB file is written.
 *
 * @param storageVersion the oldest DuckDB release that must be able to open the warehouse file
 *     (DuckDB's {@code storage_compatibility_version}, for example {@code v1.0.0}). The file is
 *     written in that release's storage format, so the DuckDB 1.x CLI, Python package, Node client
 *     and JDBC drivers that analysts have installed can read it; {@code latest} writes the newest
 *     format, which only DuckDB 2.0 and later read.
 */
public record WarehouseSettings(@JsonProperty("storage_version") String storageVersion) {

  /**
   * The default storage version: DuckDB 1.0.0's format (storage version 64), which every DuckDB
   * release since 0.10 reads, the 1.x clients analysts use included.
   */
  public static final String DEFAULT_STORAGE_VERSION = "v1.0.0";

  /** The settings when pipeline.yaml has no {@code warehouse:} block. */
  public static final WarehouseSettings DEFAULT = new WarehouseSettings(DEFAULT_STORAGE_VERSION);

  public WarehouseSettings {
    storageVersion = storageVersion == null ? DEFAULT_STORAGE_VERSION : storageVersion.strip();
  }

  /** The block as read from {@code file}, validated; an error names the setting (exit 2). */
  static WarehouseSettings validate(Path file, WarehouseSettings raw) {
    if (raw == null) {
      return DEFAULT;
    }
    if (!raw.storageVersion().matches("v\\d+\\.\\d+\\.\\d+|latest")) {
      throw BurnrateException.config(
          file
              + ": warehouse.storage_version '"
              + raw.storageVersion()
              + "' is not a DuckDB release such as v1.0.0 (or latest)");
    }
    return raw;
  }
}
