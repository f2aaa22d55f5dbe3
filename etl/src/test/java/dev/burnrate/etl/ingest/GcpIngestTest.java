package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of the gcp-billing format: credits as their own rows (Python-style and JSON lists; a
 * committed use discount's credit is Usage, a promotion or an untyped credit stays Credit), cost
 * types, the machine type as SkuId, an unreadable credits value, an incremental export that repeats
 * an earlier export batch, and the pools of resource-based committed use discounts.
 */
class GcpIngestTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private static final String COLUMNS =
      "x_SourceLine,ChargeCategory,ChargeDescription,BilledCost,EffectiveCost,BillingCurrency,"
          + "BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
          + "ChargePeriodEnd,ConsumedQuantity,SkuId,SubAccountId,Tags";

  @Test
  void creditsBecomeCreditRowsAndARepeatedExportBatchIsReadOnce() throws Exception {
    PipelineConfig cfg =
        config(
            "gcp-billing",
            0.5,
            "gcp-billing/export-1-credits-python-lists-cost-types.csv",
            "gcp-billing/export-2-repeats-export-1-batch.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    String a3 = "A3 High instance: 8 NVIDIA H100 80GB GPUs running in Americas";
    String period = "01A2B3-C4D5E6-F7A8B9|2026-10-01T00:00|2026-11-01T00:00|";
    String oct5 = "2026-10-05T00:00|2026-10-06T00:00|";
    assertEquals(
        List.of(
            // the PROMOTION credit stays Credit; the COMMITTED_USAGE_DISCOUNT credit is part of
            // the usage's cost (Usage, same SKU, no quantity)
            "export-1|2|Credit|Google's promo|-50|-50|USD|"
                + period
                + oct5
                + "null|a3-highgpu-8g|meridian-train-1|{\"team\":\"research\"}",
            "export-1|2|Usage|"
                + a3
                + "|707.92|707.92|USD|"
                + period
                + oct5
                + "86400|a3-highgpu-8g|meridian-train-1|{\"team\":\"research\"}",
            "export-1|2|Usage|Committed use discount: A3|-176.98|-176.98|USD|"
                + period
                + oct5
                + "null|a3-highgpu-8g|meridian-train-1|{\"team\":\"research\"}",
            "export-1|3|Tax|Tax|12.34|12.34|USD|"
                + period
                + oct5
                + "null|null|meridian-train-1|null",
            "export-1|4|Adjustment|Rounding error|-0.01|-0.01|USD|"
                + period
                + oct5
                + "null|null|null|null",
            "export-1|5|Credit|Sustained usage discount|-1.5|-1.5|USD|"
                + period
                + oct5
                + "null|E5F0-6A5D-7BAD|meridian-train-1|null",
            "export-1|5|Credit|Sustained usage discount #2|-0.5|-0.5|USD|"
                + period
                + oct5
                + "null|E5F0-6A5D-7BAD|meridian-train-1|null",
            "export-1|5|Usage|Standard Storage US Multi-region|20|20|USD|"
                + period
                + oct5
                + "1000|E5F0-6A5D-7BAD|meridian-train-1|null",
            // export 2 repeats lines 2 and 3 of export 1's batch: only its new batch is read
            "export-2|4|Usage|"
                + a3
                + "|100|100|USD|"
                + period
                + "2026-10-06T00:00|2026-10-07T00:00|3600|a3-highgpu-8g|meridian-train-1|null"),
        golden(cfg));
    List<Row> q = IngestFixtures.quarantine(spark, cfg);
    assertEquals(1, q.size());
    assertEquals(6L, (long) q.get(0).getAs("x_SourceLine"));
    assertTrue(
        q.get(0).<String>getAs("reason").contains("credits: cannot read"), q.get(0).toString());
    JsonNode usd = IngestFixtures.cost(r, 0, "USD");
    assertEquals(0, new BigDecimal("511.27").compareTo(IngestFixtures.dec(usd, "cost_written")));
    assertEquals(0, new BigDecimal("5").compareTo(IngestFixtures.dec(usd, "cost_quarantined")));
    Row usage =
        lake(cfg)
            .filter("x_SourceLine = 2 and ChargeCategory = 'Usage' and BilledCost > 0")
            .first();
    assertEquals("Google Cloud", usage.getAs("ProviderName"));
    // the CUD credit nets the usage: 707.92 - 176.98 = 530.94 of Usage on line 2, Usage-Based
    Row line2 =
        lake(cfg)
            .filter("x_SourceLine = 2 and ChargeCategory = 'Usage'")
            .agg(
                org.apache.spark.sql.functions.sum("BilledCost"),
                org.apache.spark.sql.functions.sum("EffectiveCost"),
                org.apache.spark.sql.functions.countDistinct("ChargeFrequency"),
                org.apache.spark.sql.functions.first("ChargeFrequency"))
            .first();
    assertEquals(0, new BigDecimal("530.94").compareTo(line2.getDecimal(0)));
    assertEquals(0, new BigDecimal("530.94").compareTo(line2.getDecimal(1)));
    assertEquals(1L, line2.getLong(2));
    assertEquals("Usage-Based", line2.getString(3));
    assertEquals("Compute", usage.getAs("ServiceCategory"));
    assertEquals("us-central1-a", usage.getAs("AvailabilityZone"));
  }

  @Test
  void jsonLinesNestedRecordsAndCreditsMapLikeTheCsvAndRepeatedBatchesAreReadOnce()
      throws Exception {
    PipelineConfig cfg =
        config(
            "gcp-billing",
            0.5,
            "gcp-billing/export-1-nested-credits-tax-malformed.jsonl",
            "gcp-billing/export-2-repeats-export-1-batch.jsonl");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    String a3 = "A3 High instance: 8 NVIDIA H100 80GB GPUs running in Americas";
    String period = "01A2B3-C4D5E6-F7A8B9|2026-10-01T00:00|2026-11-01T00:00|";
    String oct5 = "2026-10-05T00:00|2026-10-06T00:00|";
    String train = "|meridian-train-1|";
    assertEquals(
        List.of(
            "export-1|1|Credit|Google's promo|-50|-50|USD|"
                + period
                + oct5
                + "null|a3-highgpu-8g"
                + train
                + "{\"team\":\"research\"}",
            "export-1|1|Usage|"
                + a3
                + "|707.92|707.92|USD|"
                + period
                + oct5
                + "86400|a3-highgpu-8g"
                + train
                + "{\"team\":\"research\"}",
            "export-1|1|Usage|Committed use discount: A3|-176.98|-176.98|USD|"
                + period
                + oct5
                + "null|a3-highgpu-8g"
                + train
                + "{\"team\":\"research\"}",
            "export-1|2|Tax|Tax|12.34|12.34|USD|" + period + oct5 + "null|null" + train + "null",
            "export-1|3|Credit|Sustained usage discount|-1.5|-1.5|USD|"
                + period
                + oct5
                + "null|E5F0-6A5D-7BAD"
                + train
                + "null",
            "export-1|3|Credit|Sustained usage discount #2|-0.5|-0.5|USD|"
                + period
                + oct5
                + "null|E5F0-6A5D-7BAD"
                + train
                + "null",
            "export-1|3|Usage|Standard Storage US Multi-region|20|20|USD|"
                + period
                + oct5
                + "1000|E5F0-6A5D-7BAD"
                + train
                + "null",
            // export 2 repeats export 1's batch of 2026-10-06 04:00 on its line 1: only its new
            // batch (line 2) is read
            "export-2|2|Usage|"
                + a3
                + "|100|100|USD|"
                + period
                + "2026-10-06T00:00|2026-10-07T00:00|3600|a3-highgpu-8g"
                + train
                + "null"),
        golden(cfg));
    List<Row> q = IngestFixtures.quarantine(spark, cfg);
    assertEquals(1, q.size(), "the truncated last line of export 1");
    assertEquals(4L, (long) q.get(0).getAs("x_SourceLine"));
    JsonNode usd = IngestFixtures.cost(r, 0, "USD");
    assertEquals(0, new BigDecimal("511.28").compareTo(IngestFixtures.dec(usd, "cost_written")));
    JsonNode manifest = new ObjectMapper().readTree(r.manifest().toFile());
    assertEquals("gcp-billing", manifest.get("inputs").get(0).get("detected").asText());
    Row usage =
        lake(cfg)
            .filter("x_SourceLine = 1 and ChargeCategory = 'Usage' and BilledCost > 0")
            .first();
    assertEquals("Compute", usage.getAs("ServiceCategory"));
    assertEquals("us-central1-a", usage.getAs("AvailabilityZone"));
    assertEquals("a3-train-001", usage.getAs("ResourceName"));
  }

  /**
   * Resource-based CUDs: the fee, the COMMITTED_USAGE_DISCOUNT credit and the covered usage of one
   * pool (billing account, region, committed resource) get one CommitmentDiscountId, in CSV and in
   * JSON. export-3-cud-pools.csv, on 2026-10-05 (line: cost, credits):
   *
   * <ul>
   *   <li>2: an a4-highgpu-8g's B200 GPU SKU in us-east5, 600.00 (list 800.00), its CUD credit
   *       -600.00 and a promotion -10.00 (stays Credit, no id);
   *   <li>3: its A4 Instance Core SKU, 48.00, CUD credit -48.00;
   *   <li>4, 5: the fees "Commitment v1: Nvidia B200 GPU running in Americas for 1 Year" 378.00 and
   *       "Commitment v1: A4 Cpu in Americas for 1 Year" 30.24, us-east5, no resource;
   *   <li>6: an H100 GPU SKU in us-central1, 400.00, CUD credit -400.00: another pool, no fee
   *       today;
   *   <li>7, 8: an N1 Predefined Instance Core in us-central1, 10.00, CUD credit -10.00, and its
   *       fee "Commitment v1: Cpu in Americas for 1 Year" 6.30: N1's fee names no series;
   *   <li>9, 10: Cloud SQL 5.00 with a spend-based (COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE) credit
   *       -1.00 and its fee 3.00: no id.
   * </ul>
   *
   * export-4-cud-pools.jsonl, 2026-10-06: the B200 GPU SKU 600.00 with its credit -600.00, the B200
   * fee 378.00. Cost in = cost written: CSV (600 - 600 - 10) + (48 - 48) + 378 + 30.24 + (400 -
   * 400) + (10 - 10) + 6.30 + (5 - 1) + 3 = 411.54, JSON (600 - 600) + 378 = 378.
   */
  @Test
  void aResourceBasedCudsFeeCreditsAndCoveredUsageShareOnePoolId() throws Exception {
    PipelineConfig cfg =
        config(
            "gcp-billing",
            0,
            "gcp-billing/export-3-cud-pools.csv",
            "gcp-billing/export-4-cud-pools.jsonl");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    String pool = "|Usage||Committed Use Discount|cud-pool/01A2B3-C4D5E6-F7A8B9/";
    String b200 = pool + "us-east5/nvidia-b200-gpu";
    String a4Cpu = pool + "us-east5/a4-cpu";
    String h100 = pool + "us-central1/nvidia-h100-80gb-gpu";
    String n1Cpu = pool + "us-central1/cpu";
    String none = "||||";
    assertEquals(
        List.of(
            "export-3|2|Credit|Google's promo|-10" + none,
            "export-3|2|Usage|Committed Usage Discount: GPU|-600" + b200,
            "export-3|2|Usage|Nvidia B200 GPU running in Americas|600"
                + b200.replace("||", "|Used|"),
            "export-3|3|Usage|A4 Instance Core running in Americas|48"
                + a4Cpu.replace("||", "|Used|"),
            "export-3|3|Usage|Committed Usage Discount: CPU|-48" + a4Cpu,
            "export-3|4|Usage|Commitment v1: Nvidia B200 GPU running in Americas for"
                + " 1 Year|378"
                + b200,
            "export-3|5|Usage|Commitment v1: A4 Cpu in Americas for 1 Year|30.24" + a4Cpu,
            "export-3|6|Usage|Committed Usage Discount: GPU|-400" + h100,
            "export-3|6|Usage|Nvidia H100 80GB GPU running in Americas|400"
                + h100.replace("||", "|Used|"),
            "export-3|7|Usage|Committed Usage Discount: CPU|-10" + n1Cpu,
            "export-3|7|Usage|N1 Predefined Instance Core running in Americas|10"
                + n1Cpu.replace("||", "|Used|"),
            "export-3|8|Usage|Commitment v1: Cpu in Americas for 1 Year|6.3" + n1Cpu,
            "export-3|9|Usage|Cloud SQL for PostgreSQL: Regional - vCPU in Americas|5" + none,
            "export-3|9|Usage|Committed use discount: dollar based|-1" + none,
            "export-3|10|Usage|Commitment - dollar based v1: Cloud SQL Database VM for"
                + " 1 Year|3"
                + none,
            "export-4|1|Usage|Committed Usage Discount: GPU|-600" + b200,
            "export-4|1|Usage|Nvidia B200 GPU running in Americas|600"
                + b200.replace("||", "|Used|"),
            "export-4|2|Usage|Commitment v1: Nvidia B200 GPU running in Americas for"
                + " 1 Year|378"
                + b200),
        rows(
            cfg,
            "x_SourceLine,ChargeCategory,ChargeDescription,BilledCost,CommitmentDiscountCategory,"
                + "CommitmentDiscountStatus,CommitmentDiscountType,CommitmentDiscountId"));
    JsonNode csv = IngestFixtures.cost(r, 0, "USD");
    assertEquals(0, new BigDecimal("411.54").compareTo(IngestFixtures.dec(csv, "cost_in")));
    assertEquals(0, new BigDecimal("411.54").compareTo(IngestFixtures.dec(csv, "cost_written")));
    assertEquals(0, IngestFixtures.dec(csv, "cost_quarantined").signum());
    JsonNode json = IngestFixtures.cost(r, 1, "USD");
    assertEquals(0, new BigDecimal("378").compareTo(IngestFixtures.dec(json, "cost_in")));
    assertEquals(0, new BigDecimal("378").compareTo(IngestFixtures.dec(json, "cost_written")));
    assertEquals(0, IngestFixtures.dec(json, "cost_quarantined").signum());
  }

  private PipelineConfig config(String format, double share, String... fixtures)
      throws IOException {
    for (String f : fixtures) {
      Path target = dir.resolve("landing/src/" + f);
      Files.createDirectories(target.getParent());
      try (InputStream in = getClass().getResourceAsStream("/fixtures/" + f)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    // incremental exports: each file is a slice of the month, none replaces another
    return IngestFixtures.config(
        dir,
        share,
        Source.of("src", format, "landing/src/**").options(Map.of("delivery", "append")));
  }

  private Dataset<Row> lake(PipelineConfig cfg) {
    return spark.read().parquet(cfg.layout().lakeCost().toString());
  }

  /** The lake's rows as text, ordered by file and line: decimals without trailing zeros. */
  private List<String> golden(PipelineConfig cfg) {
    return rows(cfg, COLUMNS);
  }

  /** The lake's rows as text, by file and line: its export tag, then {@code columns}, '|' apart. */
  private List<String> rows(PipelineConfig cfg, String columns) {
    String[] cols = columns.split(",");
    List<String> out = new ArrayList<>();
    for (Row row :
        lake(cfg)
            .orderBy("x_SourceFile", "x_SourceLine", "ChargeCategory", "ChargeDescription")
            .selectExpr(withFile(cols))
            .collectAsList()) {
      StringBuilder b = new StringBuilder(fileTag(row.getString(cols.length))).append('|');
      for (int i = 0; i < cols.length; i++) {
        b.append(i == 0 ? "" : "|").append(IngestFixtures.cell(row.get(i), cols[i]));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static String[] withFile(String[] cols) {
    String[] out = java.util.Arrays.copyOf(cols, cols.length + 1);
    out[cols.length] = "x_SourceFile";
    return out;
  }

  private static String fileTag(String path) {
    return path.replaceAll(".*/(export-\\d).*", "$1");
  }
}
