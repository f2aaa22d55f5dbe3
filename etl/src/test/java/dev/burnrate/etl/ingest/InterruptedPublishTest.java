package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish that fails halfway (issue 18: "A failed publish deletes its own journal"). A
 * restatement publishes with two moves: the live unit aside to lake/replaced, then the staged unit
 * in. The second move fails here (a rename refused by the file system, {@link
 * FailingRenameFileSystem}), which leaves the unit missing from lake/cost. Before the fix the run
 * then deleted its staging folder with the journal and the staged unit, so the unit stayed missing
 * until the next ingest that changed it; now the journal and the staged unit stay, and the next
 * run's recovery completes the publish.
 *
 * <p>Figures, from fixture focus/quirks-bom-null-notz.csv: its USD unit holds 89.75; the
 * restatement turns one row's 100.25 into 120.25, so the USD unit becomes 89.75 + 20.00 = 109.75,
 * and lake/replaced keeps the 89.75 version under the failed run's id.
 */
class InterruptedPublishTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();
  private final Configuration hadoop = spark.sparkContext().hadoopConfiguration();

  @TempDir Path dir;

  @AfterEach
  void uninstall() {
    FailingRenameFileSystem.uninstall(hadoop);
  }

  @Test
  void aPublishThatFailsHalfwayKeepsItsJournalAndTheNextRunCompletesIt() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("aws-focus", "focus", "landing/aws/**"));
    Path file =
        IngestFixtures.land(
            dir, "focus/quirks-bom-null-notz.csv", "landing/aws/2026-10/export.csv");
    IngestJob.run(spark, cfg, AS_OF);
    assertEquals(0, new BigDecimal("89.75").compareTo(usdInLake(cfg)));

    Files.writeString(
        file,
        Files.readString(file).replace("100.25,90.25", "120.25,90.25"),
        StandardCharsets.UTF_8);
    FailingRenameFileSystem.install(hadoop);
    FailingRenameFileSystem.armFor(cfg.layout().lakeCost());
    BurnrateException failed =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));
    assertEquals(ExitCode.FAILURE, failed.exitCode());
    assertTrue(failed.getMessage().contains("injected fault"), failed.getMessage());

    List<Path> kept = children(cfg.layout().lakeStaging());
    assertEquals(1, kept.size(), "the failed run's staging folder is kept: " + kept);
    Path failedRun = kept.get(0);
    assertTrue(Files.isRegularFile(failedRun.resolve("publish-journal.json")), "with its journal");
    assertEquals(
        0L,
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .filter("BillingCurrency = 'USD'")
            .count(),
        "the USD unit moved aside and its new version did not move in: the hole to repair");

    FailingRenameFileSystem.uninstall(hadoop);
    IngestResult repair = IngestJob.run(spark, cfg, AS_OF);
    assertEquals(
        2, repair.unitsUnchanged(), "the recovery published the restatement, so nothing is left");
    assertEquals(List.of(), children(cfg.layout().lakeStaging()), "staging is cleaned up");
    assertEquals(0, new BigDecimal("109.75").compareTo(usdInLake(cfg)));
    Dataset<Row> old =
        spark
            .read()
            .parquet(
                cfg.layout().lakeReplaced().resolve("run=" + failedRun.getFileName()).toString());
    assertEquals(
        0,
        new BigDecimal("89.75")
            .compareTo(old.agg(functions.sum("BilledCost")).first().getDecimal(0)));

    BigDecimal lake =
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .agg(functions.sum("BilledCost"))
            .first()
            .getDecimal(0);
    BigDecimal written =
        IngestFixtures.manifestSum(IngestFixtures.manifest(repair), "cost_written");
    assertEquals(0, written.compareTo(lake), "cost written " + written + ", lake " + lake);
  }

  private BigDecimal usdInLake(PipelineConfig cfg) {
    return spark
        .read()
        .parquet(cfg.layout().lakeCost().toString())
        .filter("BillingCurrency = 'USD'")
        .agg(functions.sum("BilledCost"))
        .first()
        .getDecimal(0);
  }

  private static List<Path> children(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }
}
