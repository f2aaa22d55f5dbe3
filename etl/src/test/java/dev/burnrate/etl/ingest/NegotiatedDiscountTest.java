package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
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
 * One hour of a p5.48xlarge (98.32 on demand) and 100 GB-month of S3 (2.50) under a 6% EDP, as AWS
 * delivers it in each format:
 *
 * <ul>
 *   <li>legacy CUR: the two usage lines gross plus two EdpDiscount line items, -5.8992 (6% of
 *       98.32) carrying the p5's usage type and resource, and -0.15 (6% of 2.50);
 *   <li>CUR 2.0 without manual discount compatibility: the discount on the lines themselves
 *       (discount_total_discount and the discount map), the p5 line with its
 *       line_item_net_unblended_cost 92.4208, the S3 line without a net value (its net is unblended
 *       + total discount, 2.50 - 0.15 = 2.35);
 *   <li>FOCUS: BilledCost and EffectiveCost already net (92.4208 and 2.35), ListCost gross.
 * </ul>
 *
 * Each gives Usage only (no Credit), BilledCost = EffectiveCost = 92.4208 + 2.35 = 94.7708, the
 * p5's cost net of its discount (92.4208) and one instance-hour of quantity: the discount lines add
 * none.
 */
class NegotiatedDiscountTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void anEdpDiscountNetsTheSameCostInLegacyCurCur2AndFocus() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(
            dir,
            0.0,
            Source.of("cur", "aws-cur", "landing/cur/**"),
            Source.of("cur2", "aws-cur2", "landing/cur2/**"),
            Source.of("focus", "focus", "landing/focus/**"));
    IngestFixtures.land(dir, "negotiated-discount/legacy-cur.csv", "landing/cur/cur-1.csv");
    IngestFixtures.land(dir, "negotiated-discount/cur2.csv", "landing/cur2/cur2-1.csv");
    IngestFixtures.land(dir, "negotiated-discount/focus.csv", "landing/focus/focus-1.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(0, r.rowsQuarantined());
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    Map<String, Row> byFormat = new TreeMap<>();
    for (Row row :
        lake.groupBy("x_SourceFormat")
            .agg(
                sum(when(col("ChargeCategory").isin("Usage", "Purchase"), col("BilledCost")))
                    .as("burn"),
                sum("EffectiveCost").as("effective"),
                count(when(col("ChargeCategory").notEqual("Usage"), 1)).as("notUsage"),
                sum(when(col("SkuId").equalTo("p5.48xlarge"), col("BilledCost"))).as("p5Cost"),
                sum(when(col("SkuId").equalTo("p5.48xlarge"), col("ConsumedQuantity")))
                    .as("p5Hours"))
            .collectAsList()) {
      byFormat.put(row.getString(0), row);
    }
    assertEquals(java.util.Set.of("aws-cur", "aws-cur2", "focus"), byFormat.keySet());
    BigDecimal net = new BigDecimal("94.7708");
    byFormat.forEach(
        (format, row) -> {
          assertEquals(0, net.compareTo(row.getAs("burn")), format + " burn");
          assertEquals(0, net.compareTo(row.getAs("effective")), format + " EffectiveCost");
          assertEquals(0L, (long) row.getAs("notUsage"), format + ": every row is Usage");
          assertEquals(
              0, new BigDecimal("92.4208").compareTo(row.getAs("p5Cost")), format + " p5 cost");
          assertEquals(0, BigDecimal.ONE.compareTo(row.getAs("p5Hours")), format + " p5 hours");
        });
    Row edp =
        lake.filter("x_SourceFormat = 'aws-cur' and BilledCost < 0 and SkuId = 'p5.48xlarge'")
            .first();
    assertEquals("Usage-Based", edp.getAs("ChargeFrequency"));
    assertEquals("i-0p5", edp.getAs("ResourceId"));
    assertEquals("Amazon Elastic Compute Cloud", edp.getAs("ServiceName"));
    assertNull(edp.getAs("ConsumedQuantity"), "a discount line counts no quantity");
  }
}
