package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row billed in a currency that is not an ISO 4217 code is quarantined, not ingested: no exchange
 * rate could convert it. The fixture, an Azure MCA export: line 2 EUR 100.00, line 3 billed in
 * {@code MC} 2.50, line 4 EUR 7.50. The lake holds 100.00 + 7.50 = 107.50 EUR; the quarantine holds
 * line 3 with its reason; per currency, cost in = cost written + cost quarantined: EUR 107.50 =
 * 107.50 + 0, MC 2.50 = 0 + 2.50.
 */
class CurrencyCodeTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private static final String HEADER =
      "billingAccountId,billingProfileId,billingPeriodStartDate,billingPeriodEndDate,date,"
          + "meterCategory,meterName,quantity,unitOfMeasure,effectivePrice,costInBillingCurrency,"
          + "billingCurrency,pricingCurrency,chargeType,pricingModel,frequency,subscriptionId,"
          + "resourceId,resourceLocation\n";
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  private static String row(String day, String cost, String currency) {
    return "mca-root:acme,BP-1,10/01/2026,10/31/2026,10/"
        + day
        + "/2026,Virtual Machines,D4s v5,10,1 Hour,"
        + new BigDecimal(cost).divide(BigDecimal.TEN)
        + ","
        + cost
        + ","
        + currency
        + ","
        + currency
        + ",Usage,OnDemand,UsageBased,sub-1,/subscriptions/sub-1/vm/a,westeurope\n";
  }

  @Test
  void aRowBilledInANonIsoCurrencyIsQuarantinedWithItsReason() throws Exception {
    Path file = dir.resolve("landing/azure/export.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        HEADER + row("05", "100.00", "EUR") + row("06", "2.50", "MC") + row("07", "7.50", "EUR"));
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("azure", "azure-mca", "landing/azure/**"));

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    Row lake =
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .selectExpr("count(*)", "sum(BilledCost)", "collect_set(BillingCurrency)")
            .first();
    assertEquals(2L, lake.getLong(0));
    assertEquals(0, new BigDecimal("107.50").compareTo(lake.getDecimal(1)));
    assertEquals(List.of("EUR"), lake.getList(2));
    List<Row> q = IngestFixtures.quarantine(spark, cfg);
    assertEquals(1, q.size());
    assertEquals(file.toString(), q.get(0).getAs("x_SourceFile"));
    assertEquals(3L, (long) q.get(0).getAs("x_SourceLine"));
    assertEquals("BillingCurrency", q.get(0).getAs("column_name"));
    assertEquals(
        "BillingCurrency: 'MC' is not an ISO 4217 currency code (three capital letters), so no"
            + " exchange rate can convert it",
        q.get(0).getAs("reason"));
    JsonNode mc = IngestFixtures.cost(r, 0, "MC");
    assertEquals(0, new BigDecimal("2.50").compareTo(IngestFixtures.dec(mc, "cost_in")));
    assertEquals(0, IngestFixtures.dec(mc, "cost_written").signum());
    assertEquals(0, new BigDecimal("2.50").compareTo(IngestFixtures.dec(mc, "cost_quarantined")));
    JsonNode eur = IngestFixtures.cost(r, 0, "EUR");
    assertEquals(0, new BigDecimal("107.50").compareTo(IngestFixtures.dec(eur, "cost_in")));
    assertEquals(0, new BigDecimal("107.50").compareTo(IngestFixtures.dec(eur, "cost_written")));
  }
}
