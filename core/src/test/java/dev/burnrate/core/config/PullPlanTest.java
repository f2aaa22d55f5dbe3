package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull plan left empty by a power cut (issue 18: "a zero-length journal, ledger or plan fails
 * every later run with exit 1"): the ingest stops with exit 2 and says to run the pull, which
 * writes the plan again, as it does when the plan is missing.
 */
class PullPlanTest {
  @TempDir Path dir;

  @Test
  void anEmptyPlanIsAConfigErrorThatNamesTheFileAndThePull() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"),
        "data_dir: ../data\n"
            + "spark: {master: \"spark://master:7077\"}\n"
            + "sources:\n"
            + "  - {name: s3, format: focus, path: \"s3://bills/focus/\"}\n");
    PipelineConfig cfg = PipelineConfig.load(conf);
    SourceConfig s3 = cfg.sources().get(0);
    Path plan = PullPlan.file(cfg, s3);
    Files.createDirectories(plan.getParent());
    Files.write(plan, new byte[0]);

    BurnrateException e = assertThrows(BurnrateException.class, () -> PullPlan.read(cfg, s3));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(
        e.getMessage().contains(plan.toString()) && e.getMessage().contains("run burnrate pull"),
        e.getMessage());
  }
}
