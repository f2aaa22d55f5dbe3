package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * pipeline.yaml's {@code warehouse:} block: how the DuckDB file is written and how much memory the
 * build may use.
 *
 * @param storageVersion the oldest DuckDB release that must be able to open the warehouse file
 *     (DuckDB's {@code storage_compatibility_version}, for example {@code v1.0.0}). The file is
 *     written in that release's storage format, so the DuckDB 1.x CLI, Python package, Node client
 *     and JDBC drivers that analysts have installed can read it; {@code latest} writes the newest
 *     format, which only DuckDB 2.0 and later read.
 * @param memoryLimit DuckDB's {@code memory_limit} for the build, a size such as {@code 4GiB} or
 *     {@code 512MB}; null leaves DuckDB's default (80% of the machine's memory). Past it the build
 *     spills to the temp directory instead of taking more memory.
 * @param tempDirectory where the build spills (DuckDB's {@code temp_directory}), absolute once read
 *     from pipeline.yaml (relative there to the conf folder); null spills beside the file being
 *     built. Each build spills into its own folder below it, removed when the build ends.
 */
public record WarehouseSettings(
    @JsonProperty("storage_version") String storageVersion,
    @JsonProperty("memory_limit") String memoryLimit,
    @JsonProperty("temp_directory") String tempDirectory) {

  /**
   * The default storage version: DuckDB 1.0.0's format (storage version 64), which every DuckDB
   * release since 0.10 reads, the 1.x clients analysts use included.
   */
  public static final String DEFAULT_STORAGE_VERSION = "v1.0.0";

  /** The settings when pipeline.yaml has no {@code warehouse:} block. */
  public static final WarehouseSettings DEFAULT =
      new WarehouseSettings(DEFAULT_STORAGE_VERSION, null, null);

  /** A size DuckDB's memory_limit takes: a number and a decimal or binary byte unit. */
  private static final String SIZE = "\\d+(\\.\\d+)?\\s*([KMGT]i?B)";

  public WarehouseSettings {
    storageVersion = storageVersion == null ? DEFAULT_STORAGE_VERSION : storageVersion.strip();
    memoryLimit = memoryLimit == null ? null : memoryLimit.strip();
  }

  /**
   * The settings with DuckDB's default storage version and the given memory limit and spill dir.
   */
  public static WarehouseSettings withMemory(String memoryLimit, Path tempDirectory) {
    return new WarehouseSettings(
        DEFAULT_STORAGE_VERSION,
        memoryLimit,
        tempDirectory == null ? null : tempDirectory.toString());
  }

  /** The spill folder, if pipeline.yaml names one. */
  public Optional<Path> tempDirectoryPath() {
    return Optional.ofNullable(tempDirectory).map(Path::of);
  }

  /**
   * The block as read from pipeline.yaml, validated, with temp_directory resolved against the conf
   * folder; an error names the setting and its line (exit 2).
   */
  static WarehouseSettings validate(Yaml.Document doc, Path confDir, WarehouseSettings raw) {
    if (raw == null) {
      return DEFAULT;
    }
    if (!raw.storageVersion().matches("v\\d+\\.\\d+\\.\\d+|latest")) {
      throw doc.error(
          "/warehouse/storage_version",
          "warehouse.storage_version '"
              + raw.storageVersion()
              + "' is not a DuckDB release such as v1.0.0 (or latest)");
    }
    if (raw.memoryLimit() != null && !raw.memoryLimit().matches(SIZE)) {
      throw doc.error(
          "/warehouse/memory_limit",
          "warehouse.memory_limit '"
              + raw.memoryLimit()
              + "' is not a size such as 4GiB or 512MB (KB, MB, GB, TB or KiB, MiB, GiB, TiB)");
    }
    if (raw.tempDirectory() != null && raw.tempDirectory().isBlank()) {
      throw doc.error("/warehouse/temp_directory", "warehouse.temp_directory is blank");
    }
    String temp =
        raw.tempDirectory() == null
            ? null
            : confDir.resolve(raw.tempDirectory().strip()).normalize().toString();
    return new WarehouseSettings(raw.storageVersion(), raw.memoryLimit(), temp);
  }
}
