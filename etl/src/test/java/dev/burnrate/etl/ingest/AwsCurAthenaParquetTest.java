package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy CUR as the Athena integration writes it (Parquet, flat snake_case names, typed values,
 * year=/month= folders) is read as aws-cur, detected or declared, with the values its CSV would
 * give.
 */
class AwsCurAthenaParquetTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private static final String SP_ARN = "arn:aws:savingsplans::111111111111:savingsplan/sp-1";

  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  /** The rows written, in order: the n-th is x_SourceLine n (Parquet rows count from 1). */
  private final List<Row> source = new ArrayList<>();

  private Path parquet;

  @BeforeEach
  void writeAthenaStyleReport() throws IOException {
    StructType schema =
        new StructType()
            .add("identity_line_item_id", DataTypes.StringType)
            .add("bill_payer_account_id", DataTypes.StringType)
            .add("bill_billing_period_start_date", DataTypes.TimestampType)
            .add("bill_billing_period_end_date", DataTypes.TimestampType)
            .add("line_item_usage_account_id", DataTypes.StringType)
            .add("line_item_line_item_type", DataTypes.StringType)
            .add("line_item_usage_start_date", DataTypes.TimestampType)
            .add("line_item_usage_end_date", DataTypes.TimestampType)
            .add("line_item_product_code", DataTypes.StringType)
            .add("line_item_usage_type", DataTypes.StringType)
            .add("line_item_usage_amount", DataTypes.DoubleType)
            .add("line_item_currency_code", DataTypes.StringType)
            .add("line_item_unblended_cost", DataTypes.DoubleType)
            .add("product_product_name", DataTypes.StringType)
            .add("product_region", DataTypes.StringType)
            .add("savings_plan_savings_plan_a_r_n", DataTypes.StringType)
            .add("savings_plan_savings_plan_effective_cost", DataTypes.DoubleType)
            .add("resource_tags_user_team", DataTypes.StringType)
            .add("resource_tags_user_project", DataTypes.StringType)
            // Athena's partition columns, also inside the file as some copies have them
            .add("year", DataTypes.StringType)
            .add("month", DataTypes.StringType);
    List<Row> rows = source;
    rows.add(row("usage-tagged", "Usage", "BoxUsage:p5.48xlarge", 1, 98.32, "research", "llm"));
    // doubles whose text is in E notation: 1.5E-6 and 1.23456785E7
    rows.add(row("usage-tiny", "Usage", "TimedStorage-ByteHrs", 2, 1.5e-6, null, null));
    rows.add(row("usage-large", "Usage", "BoxUsage:p5.48xlarge", 3, 12345678.5, null, "llm"));
    rows.add(row("tax", "Tax", null, 0, 4.75, null, null));
    rows.add(row("sp-covered", "SavingsPlanCoveredUsage", "BoxUsage:p4d", 1, 32.77, null, null));

    Path written = dir.resolve("spark-out");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(written.toString());
    Path part;
    try (Stream<Path> files = Files.list(written)) {
      part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    // <prefix>/<report>/<report>/year=YYYY/month=M/<report>-00001.snappy.parquet
    parquet =
        dir.resolve("landing/cur/gpu-cur/gpu-cur/year=2026/month=10/gpu-cur-00001.snappy.parquet");
    Files.createDirectories(parquet.getParent());
    Files.move(part, parquet);
  }

  private static Row row(
      String id,
      String type,
      String usageType,
      double amount,
      double cost,
      String team,
      String project) {
    boolean sp = type.equals("SavingsPlanCoveredUsage");
    return RowFactory.create(
        id,
        "111111111111",
        utc("2026-10-01T00:00:00Z"),
        utc("2026-11-01T00:00:00Z"),
        "222222222222",
        type,
        utc("2026-10-05T10:00:00Z"),
        utc("2026-10-05T11:00:00Z"),
        "AmazonEC2",
        usageType,
        amount,
        "USD",
        cost,
        type.equals("Tax") ? null : "Amazon Elastic Compute Cloud",
        type.equals("Tax") ? null : "us-east-1",
        sp ? SP_ARN : null,
        sp ? 20.0 : null,
        team,
        project,
        "2026",
        "10");
  }

  private static Timestamp utc(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  @Test
  void detectedAsLegacyCur() throws Exception {
    check("auto");
  }

  @Test
  void declaredAsLegacyCur() throws Exception {
    check("aws-cur");
  }

  private void check(String format) throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.0, Source.of("aws-athena", format, "landing/cur/**"));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(0, r.rowsQuarantined());
    assertEquals(source.size(), r.rowsWritten());
    List<Row> lake =
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .orderBy("x_SourceLine")
            .collectAsList();
    BigDecimal sourceCost = BigDecimal.ZERO;
    for (Row row : lake) {
      Row src = source.get(row.<Long>getAs("x_SourceLine").intValue() - 1);
      String type = src.getString(5);
      BigDecimal unblended = BigDecimal.valueOf(src.getDouble(12));
      sourceCost = sourceCost.add(unblended);
      assertEquals(0, unblended.compareTo(row.getAs("BilledCost")), type);
      BigDecimal effective =
          type.equals("SavingsPlanCoveredUsage")
              ? BigDecimal.valueOf(src.getDouble(16))
              : unblended;
      assertEquals(0, effective.compareTo(row.getAs("EffectiveCost")), type);
      assertEquals(type.equals("Tax") ? "Tax" : "Usage", row.getAs("ChargeCategory"), type);
      assertEquals("111111111111", row.getAs("BillingAccountId"));
      assertEquals("222222222222", row.getAs("SubAccountId"), "from line_item_usage_account_id");
      assertEquals("USD", row.getAs("BillingCurrency"));
      assertEquals(LocalDateTime.of(2026, 10, 1, 0, 0), row.getAs("BillingPeriodStart"));
      assertEquals(LocalDateTime.of(2026, 10, 5, 10, 0), row.getAs("ChargePeriodStart"));
      assertEquals("aws-cur", row.getAs("x_SourceFormat"));
      assertEquals(parquet.toString(), row.getAs("x_SourceFile"));
    }
    assertEquals(source.size(), lake.size());

    Row tagged = byId(lake, "usage-tagged");
    assertEquals("{\"team\":\"research\",\"project\":\"llm\"}", tagged.getAs("Tags"));
    assertEquals("Amazon Elastic Compute Cloud", tagged.getAs("ServiceName"));
    assertEquals("us-east-1", tagged.getAs("RegionId"));
    assertEquals("p5.48xlarge", tagged.getAs("SkuId"), "instance type from the usage type");
    assertEquals("{\"project\":\"llm\"}", byId(lake, "usage-large").getAs("Tags"));
    assertNull(byId(lake, "tax").getAs("Tags"));
    Row covered = byId(lake, "sp-covered");
    assertEquals(SP_ARN, covered.getAs("CommitmentDiscountId"));
    assertEquals("Savings Plan", covered.getAs("CommitmentDiscountType"));

    JsonNode m = IngestFixtures.manifest(r);
    assertEquals(1, m.get("inputs").size());
    assertEquals("aws-cur", m.get("inputs").get(0).get("detected").asText());
    assertEquals(0, sourceCost.compareTo(IngestFixtures.manifestSum(m, "cost_in")));
    assertEquals(0, sourceCost.compareTo(IngestFixtures.manifestSum(m, "cost_written")));
  }

  /** The lake row of the source row with that identity_line_item_id. */
  private Row byId(List<Row> lake, String id) {
    long line = source.stream().map(r -> r.getString(0)).toList().indexOf(id) + 1L;
    return lake.stream()
        .filter(r -> r.<Long>getAs("x_SourceLine") == line)
        .findFirst()
        .orElseThrow();
  }
}
