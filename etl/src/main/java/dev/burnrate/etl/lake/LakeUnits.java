package dev.burnrate.etl.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.DataLayout;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The live units of a local lake, read from the folder names alone: a cost unit is {@code
 * cost/provider=P/period=M/source=S/account=A}, a telemetry unit {@code gpu/source=S/day=D}.
 * Retention ({@code burnrate gc}) and retiring a source ({@link SourceRetirement}) use it.
 */
public final class LakeUnits {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LakeUnits() {}

  /** What a unit holds. */
  public enum Kind {
    COST,
    GPU
  }

  /**
   * One live unit folder.
   *
   * @param dir the unit's folder
   * @param relative its path below lake/cost or lake/gpu
   */
  public record Unit(String source, Kind kind, Path dir, Path relative) {}

  /** Every live cost and telemetry unit, cost first, each in path order. */
  public static List<Unit> all(DataLayout layout) {
    List<Unit> out = new ArrayList<>();
    for (Path dir : folders(layout.lakeCost(), 4)) {
      out.add(unit(layout.lakeCost(), dir, Kind.COST, 2));
    }
    for (Path dir : folders(layout.lakeGpu(), 2)) {
      out.add(unit(layout.lakeGpu(), dir, Kind.GPU, 0));
    }
    return out;
  }

  /** The live units of one source. */
  public static List<Unit> of(DataLayout layout, String source) {
    return all(layout).stream().filter(u -> u.source().equals(source)).toList();
  }

  /**
   * Sources that hold live units but are not configured in pipeline.yaml, with their unit count, by
   * name: their units still count in every report until {@code burnrate retire} moves them out.
   */
  public static Map<String, Long> unconfigured(PipelineConfig cfg) {
    Set<String> configured =
        cfg.sources().stream().map(SourceConfig::name).collect(Collectors.toSet());
    return all(cfg.layout()).stream()
        .filter(u -> !configured.contains(u.source()))
        .collect(Collectors.groupingBy(Unit::source, TreeMap::new, Collectors.counting()));
  }

  /**
   * The runs that published the live cost units (each unit's {@code _unit.json}): their run
   * manifests and quarantine are the evidence of what the lake holds now. A unit file that cannot
   * be read names no run.
   */
  public static Set<String> liveRunIds(DataLayout layout) {
    Set<String> out = new TreeSet<>();
    for (Unit u : all(layout)) {
      Path info = u.dir().resolve(LakePublisher.UNIT_FILE);
      if (u.kind() != Kind.COST || !Files.isRegularFile(info)) {
        continue;
      }
      try {
        JsonNode runId = JSON.readTree(info.toFile()).get("run_id");
        if (runId != null && runId.isTextual()) {
          out.add(runId.asText());
        }
      } catch (IOException e) {
        // empty or cut short: the next ingest publishes the unit again (LakePublisher.readUnit)
      }
    }
    return out;
  }

  private static Unit unit(Path root, Path dir, Kind kind, int sourceLevel) {
    Path rel = root.relativize(dir);
    String folder = rel.getName(sourceLevel).toString();
    return new Unit(folder.substring(folder.indexOf('=') + 1), kind, dir, rel);
  }

  /**
   * Folders exactly {@code depth} levels below {@code root}, every level named {@code key=value}.
   */
  private static List<Path> folders(Path root, int depth) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root, depth)) {
      return s.filter(p -> root.relativize(p).getNameCount() == depth && !p.equals(root))
          .filter(Files::isDirectory)
          .filter(p -> partitions(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot list " + root + ": " + e, e);
    }
  }

  private static boolean partitions(Path rel) {
    for (Path name : rel) {
      if (!name.toString().contains("=")) {
        return false;
      }
    }
    return true;
  }
}
