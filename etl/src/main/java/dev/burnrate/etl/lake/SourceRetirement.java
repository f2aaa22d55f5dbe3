package dev.burnrate.etl.lake;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.DataLayout;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires a source that pipeline.yaml no longer names: its live cost and telemetry units, and its
 * quarantine, move to {@code lake/retired/run=<run_id>/} ({@code cost/...}, {@code gpu/...}, {@code
 * quarantine/run=<id>/source=<name>}), so the next warehouse build no longer counts them and {@code
 * burnrate gc} prunes them once they are older than the retention. The moves are journaled as a
 * publish is ({@link LakePublisher}): a retire that dies midway is completed by the next run that
 * recovers the lake's staging. Not below lake/replaced, whose Parquet files the warehouse reads as
 * the earlier versions of restated cost units.
 */
public final class SourceRetirement {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRetirement.class);

  private SourceRetirement() {}

  /**
   * What a retire moved.
   *
   * @param folder where the source's units and quarantine now are
   */
  public record Retired(
      String source, int costUnits, int gpuUnits, int quarantineFolders, Path folder) {}

  /**
   * Moves the source's units and quarantine aside.
   *
   * @param runId the retiring run's id, which names its folder below lake/retired
   * @throws BurnrateException exit 2 when the source is still configured or has no live unit
   */
  public static Retired retire(PipelineConfig cfg, String source, String runId) {
    if (cfg.sources().stream().anyMatch(s -> s.name().equals(source))) {
      throw BurnrateException.config(
          "source '"
              + source
              + "' is still configured in "
              + cfg.confDir().resolve(PipelineConfig.FILE)
              + ": remove it from sources: first, then retire it");
    }
    DataLayout layout = cfg.layout();
    LakePublisher publisher = new LakePublisher(new Configuration());
    publisher.recover(hadoop(layout.lakeStaging())); // an interrupted publish completes first
    List<LakeUnits.Unit> units = LakeUnits.of(layout, source);
    if (units.isEmpty()) {
      throw BurnrateException.config(
          "source '" + source + "' has no unit in " + layout.lake() + ": nothing to retire");
    }
    Path target = layout.lakeRetired().resolve("run=" + runId);
    List<LakePublisher.Move> moves = new ArrayList<>();
    int cost = 0;
    for (LakeUnits.Unit u : units) {
      String kind = u.kind() == LakeUnits.Kind.COST ? "cost" : "gpu";
      cost += u.kind() == LakeUnits.Kind.COST ? 1 : 0;
      moves.add(move(u.dir(), target.resolve(kind).resolve(u.relative())));
    }
    List<Path> quarantine = quarantineOf(layout, source);
    for (Path q : quarantine) {
      moves.add(
          move(q, target.resolve("quarantine").resolve(layout.lakeQuarantine().relativize(q))));
    }
    org.apache.hadoop.fs.Path staging = hadoop(layout.lakeStaging().resolve(runId));
    publisher.publish(staging, moves);
    publisher.deleteQuietly(staging);
    for (LakeUnits.Unit u : units) {
      removeEmptyParents(u.dir().getParent(), List.of(layout.lakeCost(), layout.lakeGpu()));
    }
    quarantine.forEach(q -> removeEmptyParents(q.getParent(), List.of(layout.lakeQuarantine())));
    Retired r = new Retired(source, cost, units.size() - cost, quarantine.size(), target);
    LOG.warn(
        "retired source {}: {} cost unit(s), {} telemetry unit(s) and {} quarantine folder(s)"
            + " moved to {}",
        source,
        r.costUnits(),
        r.gpuUnits(),
        r.quarantineFolders(),
        target);
    return r;
  }

  /** The source's quarantine folders, {@code quarantine/run=<id>/source=<name>}, of every run. */
  private static List<Path> quarantineOf(DataLayout layout, String source) {
    Path root = layout.lakeQuarantine();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> runs = Files.list(root)) {
      return runs.map(run -> run.resolve("source=" + source))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot list " + root + ": " + e, e);
    }
  }

  /**
   * Removes {@code dir} and its parents while they are empty, up to (not including) a root: the
   * {@code source=<name>} folders the moves left behind.
   */
  private static void removeEmptyParents(Path dir, List<Path> roots) {
    for (Path d = dir;
        d != null && !roots.contains(d) && roots.stream().anyMatch(d::startsWith);
        d = d.getParent()) {
      try (Stream<Path> entries = Files.list(d)) {
        if (entries.findAny().isPresent()) {
          return;
        }
        Files.delete(d);
      } catch (IOException e) {
        LOG.warn("could not remove the empty folder {}: {}", d, e.getMessage());
        return;
      }
    }
  }

  private static LakePublisher.Move move(Path from, Path to) {
    return new LakePublisher.Move(hadoop(from).toString(), hadoop(to).toString());
  }

  /** A local path as Hadoop takes it (no trailing slash; a '%' in a folder name kept as it is). */
  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path("file", null, p.toAbsolutePath().toString());
  }
}
