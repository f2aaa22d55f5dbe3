package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real files in ../shared/samples (published by others, never copied into the repo) ingest with
 * exact reconciliation: the lake's BilledCost equals the sum computed directly from the source's
 * cost column. Skipped where the samples folder is absent (a user's clone).
 */
class SamplesIngestTest {
  private static final Path SAMPLES = Path.of("/work/shared/samples");
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @BeforeEach
  void samplesPresent() {
    assumeTrue(Files.isDirectory(SAMPLES), "no " + SAMPLES + " here");
  }

  @Test
  void awsCurSamplesReconcileExactly() throws Exception {
    String converters = SAMPLES.resolve("focus-converters-tests/aws/*.csv").toString();
    String koku = SAMPLES.resolve("koku-masu-test-data/aws/*.csv").toString();
    PipelineConfig cfg =
        IngestFixtures.config(
            dir,
            0.0,
            Source.of("converters", "aws-cur", converters),
            Source.of("koku", "auto", koku));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(0, r.rowsQuarantined());
    BigDecimal direct =
        sourceSum(converters, "lineItem/UnblendedCost")
            .add(sourceSum(koku, "lineItem/UnblendedCost"));
    assertEquals(
        0, direct.compareTo(lakeSum(cfg)), "lake " + lakeSum(cfg) + " vs source " + direct);
    JsonNode m = IngestFixtures.manifest(r);
    assertEquals(0, direct.compareTo(IngestFixtures.manifestSum(m, "cost_written")));
    assertEquals("aws-cur", m.get("inputs").get(1).get("detected").asText());
  }

  /**
   * The FOCUS specification's example tables lack BillingAccountId, BillingCurrency or ProviderName
   * (they illustrate other columns): the source supplies them as documented defaults (options
   * default.&lt;Column&gt;), and since the tables are separate examples of the same billing period,
   * not re-deliveries of it, the whole source is one delivery. The contract commitment table is a
   * different FOCUS dataset (Contract Commitment, loaded from contracts.yaml), not cost rows. One
   * example row in each of two purchase scenarios has a ChargePeriodEnd at hour 30
   * ('2023-02-01T30:00:00Z'): they are quarantined with that reason, and lake + quarantine
   * reconcile exactly with the source.
   */
  @Test
  void focusSpecExamplesIngestWithDocumentedDefaults() throws Exception {
    String glob =
        SAMPLES.resolve("focus-spec-examples")
            + "/{commitment_discount_flexibility,commitment_discount_scenarios,saas_examples}/**";
    PipelineConfig cfg =
        IngestFixtures.config(
            dir,
            0.5,
            Source.of("focus-examples", "focus", glob)
                .options(
                    Map.of(
                        "delivery", "append",
                        "default.BillingAccountId", "focus-spec-examples",
                        "default.BillingCurrency", "USD",
                        "default.ProviderName", "FOCUS example provider")));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    List<Row> q = spark.read().parquet(cfg.layout().lakeQuarantine().toString()).collectAsList();
    assertEquals(2, q.size(), "purchase scenarios 2 and 3 each have one row ending at hour 30");
    assertEquals(2, r.rowsQuarantined());
    BigDecimal quarantined = BigDecimal.ZERO;
    for (Row row : q) {
      assertTrue(
          row.<String>getAs("reason").contains("'2023-02-01T30:00:00Z' is not a valid timestamp"));
      quarantined = quarantined.add(row.getAs("BilledCost"));
    }
    BigDecimal direct = sourceSum(glob, "BilledCost");
    assertEquals(
        0,
        direct.compareTo(lakeSum(cfg).add(quarantined)),
        "lake " + lakeSum(cfg) + " + quarantined " + quarantined + " vs source " + direct);
    assertEquals(sourceRows(glob), r.rowsWritten() + r.rowsQuarantined(), "every row");
  }

  /** The files of a glob, each read with its own header (they differ between files). */
  private static List<Path> files(String glob) throws java.io.IOException {
    int star = glob.indexOf('*');
    int brace = glob.indexOf('{');
    int cut = Math.min(star < 0 ? glob.length() : star, brace < 0 ? glob.length() : brace);
    Path base = Path.of(glob.substring(0, glob.lastIndexOf('/', cut)));
    java.nio.file.PathMatcher m =
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (java.util.stream.Stream<Path> s = Files.walk(base)) {
      return s.filter(Files::isRegularFile).filter(m::matches).sorted().toList();
    }
  }

  private BigDecimal sourceSum(String glob, String column) throws java.io.IOException {
    BigDecimal total = BigDecimal.ZERO;
    for (Path f : files(glob)) {
      BigDecimal v =
          spark
              .read()
              .option("header", "true")
              .csv(f.toString())
              .agg(sum(col("`" + column + "`").try_cast("decimal(28,10)")))
              .first()
              .getDecimal(0);
      total = total.add(v == null ? BigDecimal.ZERO : v);
    }
    return total;
  }

  private long sourceRows(String glob) throws java.io.IOException {
    long n = 0;
    for (Path f : files(glob)) {
      n += spark.read().option("header", "true").csv(f.toString()).count();
    }
    return n;
  }

  private BigDecimal lakeSum(PipelineConfig cfg) {
    return spark
        .read()
        .parquet(cfg.layout().lakeCost().toString())
        .agg(sum("BilledCost"))
        .first()
        .getDecimal(0);
  }
}
