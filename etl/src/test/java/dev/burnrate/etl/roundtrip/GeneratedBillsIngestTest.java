package dev.burnrate.etl.roundtrip;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.demo.Totals;
import dev.burnrate.etl.SharedSpark;
import dev.burnrate.etl.ingest.IngestFixtures;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated native exports, ingested with the generated conf, give back the generator's own
 * totals to the cent, BilledCost and EffectiveCost: every format is read exactly once and nothing
 * is counted twice, before and after the restated month is re-delivered (a second multi-part CUR
 * assembly beside the first, as a bucket sync leaves it); commitment-covered usage has the
 * discounted EffectiveCost and OCI's corrections point back to the lines they correct.
 */
class GeneratedBillsIngestTest {
  /** 40 days to 2026-03-10: a partial January, a closed February (restated), an open March. */
  private static final LocalDate END = LocalDate.of(2026, 3, 10);

  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everyNativeFormatIngestsToTheGeneratorsTotals() throws Exception {
    Path out = dir.resolve("out");
    Totals totals = Generator.generate(new Generator.Options(out, 1, 7, END, 40, 1));
    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));

    IngestResult first = IngestJob.run(spark, cfg, END);
    assertEquals(0, first.rowsQuarantined());
    assertLakeEquals(cfg, totals.initial());
    JsonNode manifest = new ObjectMapper().readTree(first.manifest().toFile());
    Map<String, Set<String>> formatBySource = new TreeMap<>();
    Map<String, Long> filesBySource = new TreeMap<>();
    for (JsonNode in : manifest.get("inputs")) {
      formatBySource
          .computeIfAbsent(in.get("source").asText(), k -> new TreeSet<>())
          .add(in.get("detected").asText());
      filesBySource.merge(in.get("source").asText(), 1L, Long::sum);
    }
    assertEquals(
        Map.of(
            "aws-cur", Set.of("aws-cur"),
            "aws-cur-athena", Set.of("aws-cur"),
            "aws-focus", Set.of("focus-1.2"),
            "azure-ea", Set.of("azure-ea"),
            "azure-mca", Set.of("azure-mca"),
            "gcp-billing", Set.of("gcp-billing"),
            "oci-cost", Set.of("oci-cost"),
            "coreweave-usage", Set.of("focus-usage-1.2")),
        formatBySource);
    Map<String, Long> written = new TreeMap<>();
    totals.initial().files().forEach(f -> written.merge(f.source(), 1L, Long::sum));
    assertEquals(
        written, filesBySource, "every part the generator wrote is read once, no manifest");
    assertTrue(written.values().stream().mapToLong(Long::longValue).sum() > 60, written.toString());
    assertEquals(0, IngestFixtures.manifestSum(manifest, "cost_superseded").signum());

    copyOver(out.resolve("restated"), out);
    IngestResult second = IngestJob.run(spark, cfg, END);
    assertEquals(1, second.unitsReplaced(), "the restated AWS month replaces its unit");
    assertEquals(0, second.unitsNew());
    assertLakeEquals(cfg, totals.finalTotals());
    // the first assembly of the restated month stays on disk: read, superseded as a whole, counted
    JsonNode again = new ObjectMapper().readTree(second.manifest().toFile());
    BigDecimal oldDelivery = BigDecimal.ZERO;
    for (Totals.FileTotal f : totals.initial().files()) {
      if (totals.restatement().files().contains(f.path())) {
        for (Totals.CurrencyTotal c : f.currencies()) {
          oldDelivery = oldDelivery.add(c.billedCost());
        }
      }
    }
    assertTrue(totals.restatement().files().size() > 1, "the restated month had several parts");
    assertEquals(0, oldDelivery.compareTo(IngestFixtures.manifestSum(again, "cost_superseded")));

    assertCoveredUsage(cfg, totals.finalTotals());
    assertOciCorrections(cfg);
  }

  /**
   * Each commitment's covered usage comes back with the generator's row count and costs; AWS's
   * Savings Plan and Reserved Instances cost less than the negotiated on-demand price; each pool of
   * Google Cloud's CUD (its GPUs, vCPUs, memory) has its fee under the same CommitmentDiscountId,
   * though Google's export names the commitment on neither side.
   */
  private void assertCoveredUsage(PipelineConfig cfg, Totals.Snapshot expected) {
    assertEquals(
        new TreeSet<>(
            List.of("Committed Use Discount", "Reservation", "Reserved Instance", "Savings Plan")),
        new TreeSet<>(
            expected.commitments().stream()
                .map(Totals.CoveredUsage::commitmentDiscountType)
                .toList()));
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    for (Totals.CoveredUsage c : expected.commitments()) {
      Dataset<Row> commitment =
          lake.filter(col("CommitmentDiscountId").equalTo(c.commitmentDiscountId()));
      Row r =
          commitment
              .filter(col("CommitmentDiscountStatus").equalTo("Used"))
              .agg(
                  count("*"),
                  sum("BilledCost"),
                  sum("EffectiveCost"),
                  sum("ListCost"),
                  countDistinct("CommitmentDiscountType"),
                  first("CommitmentDiscountType"))
              .first();
      String what = c.commitmentDiscountType() + " " + c.commitmentDiscountId();
      assertEquals(c.rows(), r.getLong(0), what);
      assertEquals(0, c.billedCost().compareTo(r.getDecimal(1)), what + " billed");
      assertEquals(0, c.effectiveCost().compareTo(r.getDecimal(2)), what + " effective");
      assertEquals(0, c.listCost().compareTo(r.getDecimal(3)), what + " list");
      assertEquals(c.commitmentDiscountType(), r.getString(5), what);
      if (c.provider().equals("Google Cloud")) {
        long fees =
            commitment
                .filter(
                    col("ResourceId")
                        .isNull()
                        .and(col("ChargeDescription").startsWith("Commitment v1: "))
                        .and(col("EffectiveCost").gt(0)))
                .count();
        assertTrue(fees > 0, what + " has its fee");
      }
      if (c.provider().equals("AWS")) {
        BigDecimal negotiated = r.getDecimal(3).multiply(new BigDecimal("0.85"));
        assertTrue(r.getDecimal(2).signum() > 0, what);
        assertTrue(r.getDecimal(2).compareTo(negotiated) < 0, what + " is discounted");
      }
    }
  }

  /** OCI corrects two nodes on the 12th (2026-02-12 here), each line naming the one it corrects. */
  private void assertOciCorrections(PipelineConfig cfg) {
    List<Row> corrections =
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .filter("ChargeClass = 'Correction'")
            .select("ProviderName", "ChargeDescription", "BilledCost", "ChargePeriodStart")
            .collectAsList();
    assertEquals(2, corrections.size());
    for (Row r : corrections) {
      assertEquals("Oracle", r.getString(0));
      assertTrue(r.getString(1).matches(".* \\(correction of line ref-[0-9]+\\)"), r.getString(1));
      assertTrue(r.getDecimal(2).signum() < 0, r.toString());
    }
  }

  private void assertLakeEquals(PipelineConfig cfg, Totals.Snapshot expected) {
    Map<String, BigDecimal> lake = new TreeMap<>();
    Map<String, Long> rows = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .groupBy("ProviderName", "BillingCurrency")
            .agg(sum("BilledCost"), sum("EffectiveCost"), count("*"))
            .collectAsList()) {
      String key = r.getString(0) + "|" + r.getString(1);
      lake.put(key + "|billed", r.getDecimal(2));
      lake.put(key + "|effective", r.getDecimal(3));
      rows.put(key, r.getLong(4));
    }
    Map<String, BigDecimal> want = new TreeMap<>();
    Map<String, Long> wantRows = new TreeMap<>();
    for (Totals.ProviderTotal p : expected.providers()) {
      String key = p.provider() + "|" + p.billingCurrency();
      want.put(key + "|billed", p.billedCost());
      want.put(key + "|effective", p.effectiveCost());
      wantRows.put(key, p.rows());
    }
    assertEquals(want.keySet(), lake.keySet());
    assertEquals(wantRows, rows);
    want.forEach(
        (k, v) -> assertEquals(0, v.compareTo(lake.get(k)), k + ": " + v + " vs " + lake.get(k)));
  }

  private static void copyOver(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
