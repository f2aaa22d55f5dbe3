package dev.burnrate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.RunIds;
import dev.burnrate.core.config.DataLayout;
import dev.burnrate.core.io.DurableFiles;
import dev.burnrate.core.io.FileTrees;
import dev.burnrate.etl.lake.LakeUnits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code burnrate gc}: prunes superseded material older than the retention, its age taken from the
 * run id that names it (every run id starts with its UTC start time), never from file times:
 *
 * <ul>
 *   <li>{@code lake/replaced/run=<id>/}: earlier versions of restated units;
 *   <li>{@code lake/retired/run=<id>/}: units of retired sources;
 *   <li>{@code lake/quarantine/run=<id>/} and {@code lake/_runs/<id>.json} of runs the live lake no
 *       longer needs: not a run that published a live cost unit, nor the newest run of a source;
 *   <li>{@code runs/<id>.json}, except the newest record of each command.
 * </ul>
 *
 * Live units, lake/_staging (an interrupted publish still has to complete) and the warehouse are
 * never touched. A folder is first renamed into {@code lake/_trash/}, then deleted, so a gc that
 * dies midway leaves whole folders only, and the next gc empties the trash first. Names it cannot
 * date, and manifests it cannot read, are kept.
 */
public final class GarbageCollection {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollection.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One folder or file removed (or, in a dry run, that would be).
   *
   * @param path relative to data_dir
   * @param kind replaced, retired, quarantine, manifest, run_record or trash
   */
  public record Removal(String path, String kind, long files, long bytes) {}

  /** What a gc removed, or would remove in a dry run. */
  public record Result(boolean dryRun, int keepDays, Instant cutoff, List<Removal> removed) {
    public long files() {
      return removed.stream().mapToLong(Removal::files).sum();
    }

    public long bytes() {
      return removed.stream().mapToLong(Removal::bytes).sum();
    }
  }

  private final Path dataDir;
  private final DataLayout layout;
  private final String runId;
  private final boolean dryRun;
  private final List<Removal> removed = new ArrayList<>();

  private GarbageCollection(Path dataDir, String runId, boolean dryRun) {
    this.dataDir = dataDir;
    this.layout = new DataLayout(dataDir);
    this.runId = runId;
    this.dryRun = dryRun;
  }

  /**
   * Prunes what is older than {@code keepDays} before {@code now}; removes nothing when {@code
   * dryRun}, and says what it would remove.
   *
   * @param runId the gc run's id, which names its trash folders
   */
  static Result run(Path dataDir, int keepDays, boolean dryRun, Instant now, String runId) {
    Instant cutoff = now.minus(Duration.ofDays(keepDays));
    GarbageCollection gc = new GarbageCollection(dataDir, runId, dryRun);
    gc.emptyTrash();
    Set<String> needed = gc.neededRuns();
    gc.folders(gc.layout.lakeReplaced(), "replaced", cutoff, Set.of());
    gc.folders(gc.layout.lakeRetired(), "retired", cutoff, Set.of());
    gc.folders(gc.layout.lakeQuarantine(), "quarantine", cutoff, needed);
    gc.files(gc.layout.lakeRuns(), "manifest", cutoff, needed);
    gc.files(dataDir.resolve(RunRecord.DIR), "run_record", cutoff, newestRecordPerCommand(dataDir));
    return new Result(dryRun, keepDays, cutoff, List.copyOf(gc.removed));
  }

  /** Finishes the deletions of a gc that died midway. */
  private void emptyTrash() {
    for (Path p : list(layout.lakeTrash())) {
      remove(p, "trash");
    }
  }

  /**
   * The runs whose manifest and quarantine the live lake still needs: those that published a live
   * cost unit, and each source's newest run (the data quality report shows its status and counts).
   */
  private Set<String> neededRuns() {
    Set<String> needed = new HashSet<>(LakeUnits.liveRunIds(layout));
    Map<String, String> newestBySource = new HashMap<>();
    for (Path manifest : list(layout.lakeRuns())) {
      String id = idOf(manifest);
      try {
        JsonNode m = JSON.readTree(manifest.toFile());
        for (String list : List.of("inputs", "units")) {
          for (JsonNode entry : m.path(list)) {
            String source = entry.path("source").asText(null);
            if (source != null) {
              newestBySource.merge(source, id, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
          }
        }
      } catch (IOException e) {
        LOG.warn("gc: keeping unreadable run manifest {}: {}", manifest, e.getMessage());
        needed.add(id);
      }
    }
    needed.addAll(newestBySource.values());
    return needed;
  }

  private static Set<String> newestRecordPerCommand(Path dataDir) {
    Map<String, RunRecord.Data> newest = new HashMap<>();
    for (RunRecord.Data d : RunRecord.all(dataDir)) {
      newest.merge(d.command(), d, (a, b) -> a.startedAt().compareTo(b.startedAt()) >= 0 ? a : b);
    }
    Set<String> ids = new HashSet<>();
    newest.values().forEach(d -> ids.add(d.runId()));
    return ids;
  }

  /** The {@code run=<id>} folders below {@code root} older than the cutoff and not kept. */
  private void folders(Path root, String kind, Instant cutoff, Set<String> kept) {
    for (Path p : list(root)) {
      String name = p.getFileName().toString();
      if (!Files.isDirectory(p) || !name.startsWith("run=")) {
        continue;
      }
      String id = name.substring("run=".length());
      if (!kept.contains(id) && isBefore(id, cutoff)) {
        remove(p, kind);
      }
    }
  }

  /** The {@code <id>.json} files in {@code dir} older than the cutoff and not kept. */
  private void files(Path dir, String kind, Instant cutoff, Set<String> kept) {
    for (Path p : list(dir)) {
      if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".json")) {
        continue;
      }
      String id = idOf(p);
      if (!kept.contains(id) && isBefore(id, cutoff)) {
        remove(p, kind);
      }
    }
  }

  private static boolean isBefore(String runId, Instant cutoff) {
    return RunIds.startOf(runId).map(t -> t.isBefore(cutoff)).orElse(false);
  }

  private static String idOf(Path json) {
    String name = json.getFileName().toString();
    return name.substring(0, name.length() - ".json".length());
  }

  /**
   * Removes a file, or a folder through the trash: renamed there (one atomic step, forced to disk),
   * then deleted.
   */
  private void remove(Path p, String kind) {
    long[] size = size(p);
    removed.add(new Removal(dataDir.relativize(p).toString(), kind, size[0], size[1]));
    if (dryRun) {
      return;
    }
    try {
      if (Files.isDirectory(p) && !p.getParent().equals(layout.lakeTrash())) {
        Path trash = layout.lakeTrash().resolve(runId + "-" + kind + "-" + p.getFileName());
        Files.createDirectories(trash.getParent());
        Files.move(p, trash, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(p.getParent());
        DurableFiles.syncDirectory(trash.getParent());
        p = trash;
      }
      FileTrees.delete(p);
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "gc: cannot remove " + p + ": " + e, e);
    }
  }

  /** Files and bytes below {@code p} (or of the file {@code p}). */
  private static long[] size(Path p) {
    long[] out = new long[2];
    try (Stream<Path> s = Files.walk(p)) {
      s.filter(Files::isRegularFile)
          .forEach(
              f -> {
                out[0]++;
                try {
                  out[1] += Files.size(f);
                } catch (IOException e) {
                  // gone meanwhile: counts no bytes
                }
              });
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "gc: cannot list " + p + ": " + e, e);
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "gc: cannot list " + dir + ": " + e, e);
    }
  }
}
