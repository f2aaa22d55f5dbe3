package dev.burnrate.etl.roundtrip;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.demo.Totals;
import dev.burnrate.etl.SharedSpark;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's same three days (2026-03-08..10, one open month, no restatement) with every AWS
 * month as a legacy CUR (usage gross plus EdpDiscount line items), as a CUR 2.0 (the discount on
 * the discounted lines) and as a Data Exports FOCUS export (costs net), each ingested into its own
 * lake: per provider, the burn (Usage + Purchase BilledCost) and the EffectiveCost total are equal
 * to the cent across the three, and equal to the generator's totals. The warehouse is not built
 * here (etl does not depend on it): the comparison is on the lake's focus_cost sums, which the burn
 * models sum per contract.
 *
 * <p>The legacy CUR's EdpDiscount lines are Usage and are 6% (the generator's EDP) of the on-demand
 * (PricingCategory Standard) usage they discount, each line rounded to 6 decimals: the sum is
 * within a cent of -0.06 x that usage; each names the instance it discounts (GPU cost per instance
 * nets it).
 */
class AwsFormatsSameBillTest {
  private static final LocalDate END = LocalDate.of(2026, 3, 10);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void theSameMonthAsLegacyCurCur2AndFocusBurnsTheSame() throws Exception {
    Map<String, BigDecimal> cur = ingest(Generator.Output.NATIVE_AWS_CUR, "cur");
    Map<String, BigDecimal> cur2 = ingest(Generator.Output.NATIVE_AWS_CUR2, "cur2");
    Map<String, BigDecimal> focus = ingest(Generator.Output.NATIVE_AWS_FOCUS, "focus");

    assertTrue(cur.containsKey("AWS|burn"), cur.toString());
    assertEquals(cur.keySet(), cur2.keySet());
    assertEquals(cur.keySet(), focus.keySet());
    cur.forEach(
        (k, v) -> {
          assertEquals(
              0, v.compareTo(cur2.get(k)), k + ": CUR " + v + " vs CUR 2.0 " + cur2.get(k));
          assertEquals(
              0, v.compareTo(focus.get(k)), k + ": CUR " + v + " vs FOCUS " + focus.get(k));
        });
  }

  /** Generates the window with {@code output}, ingests it; sums per provider. */
  private Map<String, BigDecimal> ingest(Generator.Output output, String name) throws Exception {
    Path out = dir.resolve(name);
    Totals totals =
        Generator.generate(new Generator.Options(out, 1, 7, END, 3, 0).withOutput(output));
    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));
    IngestResult r = IngestJob.run(spark, cfg, END);
    assertEquals(0, r.rowsQuarantined(), name);
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (Row row :
        lake.groupBy("ProviderName")
            .agg(
                sum(when(col("ChargeCategory").isin("Usage", "Purchase"), col("BilledCost"))),
                sum("EffectiveCost"),
                sum("BilledCost"))
            .collectAsList()) {
      sums.put(row.getString(0) + "|burn", row.getDecimal(1));
      sums.put(row.getString(0) + "|effective", row.getDecimal(2));
      sums.put(row.getString(0) + "|billed", row.getDecimal(3));
    }
    for (Totals.ProviderTotal p : totals.finalTotals().providers()) {
      if (p.billingCurrency().equals("USD") && p.provider().equals("AWS")) {
        assertEquals(0, p.billedCost().compareTo(sums.get("AWS|billed")), name + " AWS billed");
        assertEquals(
            0, p.effectiveCost().compareTo(sums.get("AWS|effective")), name + " AWS effective");
      }
    }
    if (output == Generator.Output.NATIVE_AWS_CUR) {
      Row d =
          lake.filter("ProviderName = 'AWS'")
              .agg(
                  sum(
                      when(
                          col("ChargeDescription").equalTo("Enterprise Discount Program discount"),
                          col("BilledCost"))),
                  sum(
                      when(
                          col("ChargeDescription")
                              .equalTo("Enterprise Discount Program discount")
                              .and(col("ChargeCategory").notEqual("Usage")),
                          1)),
                  sum(when(col("PricingCategory").equalTo("Standard"), col("BilledCost"))))
              .first();
      assertEquals(
          0L,
          lake.filter(
                  "ChargeDescription = 'Enterprise Discount Program discount'"
                      + " and ServiceCategory = 'Compute' and ResourceId is null")
              .count(),
          "a GPU instance's EdpDiscount line names the instance, so its GPU cost nets it");
      BigDecimal discount = d.getDecimal(0);
      assertTrue(discount.signum() < 0, "EdpDiscount lines: " + discount);
      assertEquals(null, d.get(1), "every EdpDiscount line is Usage");
      BigDecimal expected = d.getDecimal(2).multiply(new BigDecimal("-0.06"));
      assertTrue(
          discount.subtract(expected).abs().compareTo(new BigDecimal("0.01")) < 0,
          discount + " vs 6% of " + d.getDecimal(2));
    }
    return sums;
  }
}
