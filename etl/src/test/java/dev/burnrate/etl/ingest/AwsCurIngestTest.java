package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tests of the aws-cur and aws-cur2 mappings: one fixture row per line item type. */
class AwsCurIngestTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  @Test
  void everyLineItemTypeMapsToItsHandCheckedFocusValues() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("aws-payer", "aws-cur", "landing/cur/**"));
    IngestFixtures.land(
        dir, "aws-cur/line-item-types.csv", "landing/cur/20261001-20261101/a/cur-1.csv");
    IngestFixtures.land(
        dir,
        "aws-cur/month-without-commitment-and-tag-columns.csv",
        "landing/cur/20261101-20261201/b/cur-1.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(0, r.rowsQuarantined());
    assertEquals(16, r.rowsWritten());
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    Map<Long, Row> october = new HashMap<>();
    for (Row row : lake.filter("x_SourceFile like '%20261001-20261101%'").collectAsList()) {
      october.put(row.getAs("x_SourceLine"), row);
    }
    List<String[]> expected = golden("/fixtures/aws-cur/line-item-types.expected.psv");
    String[] header = expected.remove(0);
    assertEquals(expected.size(), october.size());
    for (String[] e : expected) {
      Row row = october.get(Long.parseLong(e[0]));
      for (int i = 1; i < header.length; i++) {
        Object actual = row.getAs(header[i]);
        String want = i < e.length ? e[i] : "";
        if (actual instanceof BigDecimal d) {
          assertEquals(0, new BigDecimal(want).compareTo(d), "line " + e[0] + " " + header[i]);
        } else {
          assertEquals(want.isEmpty() ? null : want, actual, "line " + e[0] + " " + header[i]);
        }
      }
      assertEquals("AWS", row.getAs("ProviderName"));
      assertEquals("111111111111", row.getAs("BillingAccountId"));
      assertEquals("222222222222", row.getAs("SubAccountId"));
      assertEquals("USD", row.getAs("BillingCurrency"));
      assertEquals("aws-cur", row.getAs("x_SourceFormat"));
    }
    Row usage = october.get(2L);
    assertEquals("i-0p5", usage.getAs("ResourceId"));
    assertEquals("AWS", usage.getAs("PublisherName"));
    assertEquals("us-east-1", usage.getAs("RegionId"));
    assertEquals("Amazon Elastic Compute Cloud", usage.getAs("ServiceName"));
    assertEquals(java.time.LocalDateTime.of(2026, 10, 5, 10, 0), usage.getAs("ChargePeriodStart"));

    Row g5 = lake.filter("x_SourceFile like '%20261101-20261201%' and x_SourceLine = 2").first();
    assertEquals("g5.xlarge", g5.getAs("SkuId"), "instance type from the usage type");
    assertNull(g5.getAs("Tags"), "a month without tag columns has no tags");
    assertEquals(0, new BigDecimal("2.012").compareTo(g5.getAs("EffectiveCost")));

    JsonNode m = IngestFixtures.manifest(r);
    assertEquals("aws-cur", m.get("inputs").get(0).get("detected").asText());
    BigDecimal in = IngestFixtures.manifestSum(m, "cost_in");
    assertEquals(0, in.compareTo(IngestFixtures.manifestSum(m, "cost_written")));
    assertEquals(
        0,
        in.compareTo(
            lake.agg(org.apache.spark.sql.functions.sum("BilledCost")).first().getDecimal(0)));
  }

  @Test
  void cur2ParquetWithMapColumnsMapsLikeTheLegacyReport() throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("aws-cur2", "aws-cur2", "landing/cur2/**"));
    StructType schema =
        new StructType()
            .add("bill_payer_account_id", DataTypes.StringType)
            .add("bill_billing_period_start_date", DataTypes.TimestampType)
            .add("bill_billing_period_end_date", DataTypes.TimestampType)
            .add("line_item_usage_account_id", DataTypes.StringType)
            .add("line_item_usage_account_name", DataTypes.StringType)
            .add("line_item_line_item_type", DataTypes.StringType)
            .add("line_item_usage_start_date", DataTypes.TimestampType)
            .add("line_item_usage_end_date", DataTypes.TimestampType)
            .add("line_item_product_code", DataTypes.StringType)
            .add("line_item_usage_type", DataTypes.StringType)
            .add("line_item_resource_id", DataTypes.StringType)
            .add("line_item_usage_amount", DataTypes.DoubleType)
            .add("line_item_currency_code", DataTypes.StringType)
            .add("line_item_unblended_cost", DataTypes.DoubleType)
            .add("product_instance_type", DataTypes.StringType)
            .add("product", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("savings_plan_savings_plan_effective_cost", DataTypes.DoubleType)
            .add(
                "resource_tags",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    java.sql.Timestamp oct = java.sql.Timestamp.valueOf("2026-10-01 00:00:00");
    java.sql.Timestamp nov = java.sql.Timestamp.valueOf("2026-11-01 00:00:00");
    java.sql.Timestamp h10 = java.sql.Timestamp.valueOf("2026-10-05 10:00:00");
    java.sql.Timestamp h11 = java.sql.Timestamp.valueOf("2026-10-05 11:00:00");
    Map<String, String> product =
        Map.of("product_name", "Amazon Elastic Compute Cloud", "region", "us-east-1");
    Map<String, String> tags = Map.of("user_Team", "Research");
    List<Row> rows = new ArrayList<>();
    rows.add(
        RowFactory.create(
            "111",
            oct,
            nov,
            "222",
            "ml-prod",
            "Usage",
            h10,
            h11,
            "AmazonEC2",
            "USE1-BoxUsage:p5.48xlarge",
            "i-1",
            1.0,
            "USD",
            98.32,
            "p5.48xlarge",
            product,
            null,
            tags));
    rows.add(
        RowFactory.create(
            "111",
            oct,
            nov,
            "222",
            "ml-prod",
            "SavingsPlanCoveredUsage",
            h10,
            h11,
            "AmazonEC2",
            "USE1-BoxUsage:p4d.24xlarge",
            "i-2",
            1.0,
            "USD",
            32.77,
            null,
            product,
            20.0,
            null));
    rows.add(
        RowFactory.create(
            "111",
            oct,
            nov,
            "222",
            "ml-prod",
            "Tax",
            h10,
            h11,
            "AmazonEC2",
            null,
            null,
            null,
            "USD",
            1.25,
            null,
            null,
            null,
            null));
    spark
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .parquet(dir.resolve("landing/cur2/BILLING_PERIOD=2026-10/v1").toString());

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(3, r.rowsWritten());
    Dataset<Row> lake = spark.read().parquet(cfg.layout().lakeCost().toString());
    Row usage = lake.filter("x_SourceLine = 1").first();
    assertEquals("p5.48xlarge", usage.getAs("SkuId"));
    assertEquals("{\"team\":\"Research\"}", usage.getAs("Tags"));
    assertEquals("Amazon Elastic Compute Cloud", usage.getAs("ServiceName"));
    assertEquals("ml-prod", usage.getAs("SubAccountName"));
    assertEquals("Usage", usage.getAs("ChargeCategory"));
    Row covered = lake.filter("x_SourceLine = 2").first();
    assertEquals("p4d.24xlarge", covered.getAs("SkuId"));
    assertEquals(0, new BigDecimal("32.77").compareTo(covered.getAs("BilledCost")));
    assertEquals(0, new BigDecimal("20").compareTo(covered.getAs("EffectiveCost")));
    Row tax = lake.filter("x_SourceLine = 3").first();
    assertEquals("Tax", tax.getAs("ChargeCategory"));
    assertEquals(
        "aws-cur2", IngestFixtures.manifest(r).get("inputs").get(0).get("detected").asText());
  }

  private static List<String[]> golden(String resource) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                AwsCurIngestTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("#") && !line.isBlank()) {
          out.add(line.split("\\|", -1));
        }
      }
    }
    return out;
  }
}
