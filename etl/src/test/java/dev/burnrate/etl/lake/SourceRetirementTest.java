package dev.burnrate.etl.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retiring a source on a lake written by hand (the retire moves folders and never opens a file):
 * source {@code old} is no longer in pipeline.yaml and has one cost unit, one telemetry day and
 * quarantine in two runs (R1, shared with the configured source {@code keep}, and R2-gpu). The
 * retire moves exactly those four folders, leaves {@code keep}'s unit and quarantine where they
 * are, removes the folders it emptied (old's period/provider chain and run=R2-gpu) and leaves no
 * staging behind; a configured source and a source without units are refused with exit 2.
 */
class SourceRetirementTest {
  private static final String OLD_UNIT = "provider=AWS/period=2026-10/source=old/account=111";
  private static final String KEEP_UNIT = "provider=GCP/period=2026-10/source=keep/account=222";
  private static final String RUN = "20261101T000000Z-retire-1";

  @TempDir Path dir;

  @Test
  void retireMovesTheSourcesUnitsAndQuarantineAndNothingElse() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf/pipeline.yaml"),
        "data_dir: ../data\nsources:\n  - {name: keep, format: focus, path: 'landing/**'}\n");
    PipelineConfig cfg = PipelineConfig.load(dir.resolve("conf"));
    write(data, "lake/cost/" + OLD_UNIT + "/part-0.parquet");
    write(data, "lake/cost/" + KEEP_UNIT + "/part-0.parquet");
    write(data, "lake/gpu/source=old/day=2026-10-01/part-0.parquet");
    write(data, "lake/quarantine/run=R1/source=old/part-0.parquet");
    write(data, "lake/quarantine/run=R1/source=keep/part-0.parquet");
    write(data, "lake/quarantine/run=R2-gpu/source=old/part-0.parquet");
    assertEquals(Map.of("old", 2L), LakeUnits.unconfigured(cfg));

    BurnrateException configured =
        assertThrows(BurnrateException.class, () -> SourceRetirement.retire(cfg, "keep", RUN));
    assertEquals(ExitCode.USAGE, configured.exitCode());
    assertTrue(configured.getMessage().contains("'keep' is still configured"));

    SourceRetirement.Retired r = SourceRetirement.retire(cfg, "old", RUN);
    Path target = data.resolve("lake/retired/run=" + RUN);
    assertEquals(new SourceRetirement.Retired("old", 1, 1, 2, target), r);
    for (String moved :
        List.of(
            "cost/" + OLD_UNIT + "/part-0.parquet",
            "gpu/source=old/day=2026-10-01/part-0.parquet",
            "quarantine/run=R1/source=old/part-0.parquet",
            "quarantine/run=R2-gpu/source=old/part-0.parquet")) {
      assertTrue(Files.isRegularFile(target.resolve(moved)), moved);
    }
    for (String gone :
        List.of(
            "lake/cost/provider=AWS",
            "lake/gpu/source=old",
            "lake/quarantine/run=R1/source=old",
            "lake/quarantine/run=R2-gpu",
            "lake/_staging/" + RUN)) {
      assertFalse(Files.exists(data.resolve(gone)), gone);
    }
    assertTrue(Files.isRegularFile(data.resolve("lake/cost/" + KEEP_UNIT + "/part-0.parquet")));
    assertTrue(
        Files.isRegularFile(data.resolve("lake/quarantine/run=R1/source=keep/part-0.parquet")));
    assertEquals(Map.of(), LakeUnits.unconfigured(cfg));

    BurnrateException empty =
        assertThrows(
            BurnrateException.class,
            () -> SourceRetirement.retire(cfg, "old", "20261102T000000Z-retire-2"));
    assertEquals(ExitCode.USAGE, empty.exitCode());
    assertTrue(empty.getMessage().contains("'old' has no unit"));
  }

  private static void write(Path data, String rel) throws IOException {
    Path p = data.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "p");
  }
}
