package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.OutputFileMode;
import dev.burnrate.core.config.WarehouseSettings;
import dev.burnrate.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a build beside the live warehouse: {@code burnrate.duckdb.building-<pid>} (and the
 * .wal, .tmp and schema files DuckDB and the runner put next to it), and the atomic publish.
 */
final class WarehouseFiles {
  static final String BUILDING = ".building-";
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseFiles.class);

  private WarehouseFiles() {}

  /** Where this process builds: next to the live file, so the final rename stays atomic. */
  static Path buildingFile(Path live) {
    return live.resolveSibling(live.getFileName() + BUILDING + ProcessHandle.current().pid());
  }

  /** The zero-row Parquet file with the FocusColumns schema used while building. */
  static Path focusSchemaFile(Path building) {
    return building.resolveSibling(building.getFileName() + ".focus-schema.parquet");
  }

  /**
   * Where this build spills past its memory limit: {@code <building>.tmp} beside it (DuckDB's own
   * choice), or a folder of that name in pipeline.yaml's {@code warehouse.temp_directory}. Stale
   * spill folders of crashed builds there are deleted first.
   */
  static Path spillDirectory(Path building, WarehouseSettings settings) {
    String name = building.getFileName() + ".tmp";
    Optional<Path> configured = settings.tempDirectoryPath();
    if (configured.isEmpty()) {
      return building.resolveSibling(name);
    }
    Path dir = configured.get();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw BurnrateException.config(
          "pipeline.yaml warehouse.temp_directory "
              + dir
              + " cannot be created: "
              + e.getMessage());
    }
    String live = building.getFileName().toString();
    deleteStale(dir.resolve(live.substring(0, live.indexOf(BUILDING))));
    return dir.resolve(name);
  }

  /** Deletes a build's spill folder once its connection is closed. */
  static void deleteSpill(Path spill) {
    try {
      FileTrees.delete(spill);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", spill, e.getMessage());
    }
  }

  /**
   * Deletes what crashed builds left behind: every {@code <live>.building-<pid>*} whose process is
   * gone. A build still running in another process keeps its files.
   */
  static void deleteStale(Path live) {
    String prefix = live.getFileName() + BUILDING;
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(live.getParent(), prefix.replace("[", "\\[") + "*")) {
      for (Path entry : entries) {
        Optional<Long> pid = pidOf(entry.getFileName().toString().substring(prefix.length()));
        boolean running =
            pid.isPresent()
                && pid.get() != self
                && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false);
        if (running) {
          LOG.info("leaving {}: process {} is still building", entry, pid.get());
          continue;
        }
        LOG.info("deleting stale build file {}", entry);
        FileTrees.delete(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + live.getParent(), e);
    }
  }

  /** Deletes a failed build's file and its companions; the live file is not touched. */
  static void deleteBuild(Path building) {
    for (String suffix : new String[] {"", ".wal", ".tmp"}) {
      try {
        FileTrees.delete(building.resolveSibling(building.getFileName() + suffix));
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", building + suffix, e.getMessage());
      }
    }
  }

  /**
   * Renames the closed, checkpointed build onto the live file in one step, with the published
   * files' mode ({@link OutputFileMode}) already set. Readers that have the old file open keep
   * reading it; the next open sees the new one.
   */
  static void publish(Path building, Path live) throws IOException {
    Path buildingWal = building.resolveSibling(building.getFileName() + ".wal");
    if (Files.exists(buildingWal)) {
      if (Files.size(buildingWal) > 0) {
        throw new IllegalStateException(buildingWal + " is not empty after CHECKPOINT and close");
      }
      Files.delete(buildingWal);
    }
    // a .wal beside the live file belongs to the old file; replayed onto the new one it would
    // corrupt it
    Files.deleteIfExists(live.resolveSibling(live.getFileName() + ".wal"));
    OutputFileMode.apply(building);
    Files.move(building, live, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<Long> pidOf(String rest) {
    int end = 0;
    while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 18) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(rest.substring(0, end)));
  }
}
