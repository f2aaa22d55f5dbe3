package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests of the azure-ea and azure-mca formats: one small fixture per quirk and charge type,
 * each lake row compared with a hand-checked expected row, plus the cost reconciliation.
 */
class AzureIngestTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  /** The columns the golden rows show, in this order. */
  private static final String COLUMNS =
      "x_SourceLine,ChargeCategory,ChargeClass,BilledCost,EffectiveCost,BillingCurrency,"
          + "BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
          + "ChargePeriodEnd,ChargeFrequency,CommitmentDiscountType,CommitmentDiscountStatus,"
          + "ConsumedQuantity,SkuId,Tags";

  @Test
  void eaActualExportWithByteOrderMarkMonthDayYearDatesEveryChargeTypeAndBadRows()
      throws Exception {
    PipelineConfig cfg =
        config("azure-ea", 0.5, "azure-ea/actual-bom-mdy-dates-charge-types-bad-rows.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(
        List.of(
            "2|Usage||1887.744|1887.744|USD|8611537|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-05T00:00|2026-10-06T00:00|Usage-Based|||24|Standard_ND96isr_H100_v5|"
                + "{\"team\":\"research\",\"project\":\"llm\"}",
            // reservation purchase: billed and (actual export, no amortization known) effective
            "3|Purchase||5000|5000|USD|8611537|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-01T00:00|2026-10-02T00:00|Recurring|Reservation||null|null|null",
            // usage covered by the reservation: 0 in an actual export
            "4|Usage||0|0|USD|8611537|2026-10-01T00:00|2026-11-01T00:00|2026-10-06T00:00|"
                + "2026-10-07T00:00|Usage-Based|Reservation|Used|24|Standard_ND96isr_H100_v5|null",
            "5|Purchase|Correction|-1200.5|-1200.5|USD|8611537|2026-10-01T00:00|"
                + "2026-11-01T00:00|2026-10-20T00:00|2026-10-21T00:00|One-Time|Reservation||"
                + "null|null|null"),
        golden(cfg));
    List<Row> q = IngestFixtures.quarantine(spark, cfg);
    assertEquals(2, q.size());
    assertEquals(6L, (long) q.get(0).getAs("x_SourceLine"));
    assertTrue(
        q.get(0).<String>getAs("reason").contains("BilledCost: 'n/a' is not a valid number"),
        q.get(0).toString());
    assertEquals(7L, (long) q.get(1).getAs("x_SourceLine"));
    assertTrue(
        q.get(1).<String>getAs("reason").contains("'31/10/2026' is not a valid timestamp"),
        q.get(1).toString());
    JsonNode usd = IngestFixtures.cost(r, 0, "USD");
    assertEquals(0, new BigDecimal("5690.744").compareTo(IngestFixtures.dec(usd, "cost_in")));
    assertEquals(0, new BigDecimal("5687.244").compareTo(IngestFixtures.dec(usd, "cost_written")));
    assertEquals(0, new BigDecimal("3.5").compareTo(IngestFixtures.dec(usd, "cost_quarantined")));
  }

  @Test
  void eaAmortizedExportAndLegacyGermanHeadersInOneSource() throws Exception {
    PipelineConfig cfg =
        config(
            "azure-ea",
            0.0,
            "azure-ea/amortized-crlf-iso-dates-unused-commitments.csv",
            "azure-ea/german-datum-and-legacy-portal-headers.csv");

    IngestJob.run(spark, cfg, AS_OF);

    List<String> rows = golden(cfg);
    assertEquals(
        List.of(
            // amortized: covered usage carries its share of the reservation, billed by the purchase
            "2|Usage||0|164.3832|EUR|7700123|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-06T00:00|2026-10-07T00:00|Usage-Based|Reservation|Used|24|"
                + "Standard_ND96isr_H100_v5|null",
            "3|Usage||0|27.3972|EUR|7700123|2026-10-01T00:00|2026-11-01T00:00|2026-10-06T00:00|"
                + "2026-10-07T00:00|Usage-Based|Reservation|Unused|null|null|null",
            "4|Usage||0|10.25|EUR|7700123|2026-10-01T00:00|2026-11-01T00:00|2026-10-06T00:00|"
                + "2026-10-07T00:00|Usage-Based|Savings Plan|Unused|null|null|null",
            "5|Usage||12.5|12.5|EUR|7700123|2026-10-01T00:00|2026-11-01T00:00|2026-10-06T00:00|"
                + "2026-10-07T00:00|Usage-Based|||500|null|{\"team\":\"data\"}",
            // legacy EA portal file: "Datum", "Extended Cost", "Consumed Quantity", no ChargeType
            "2|Usage||98.4|98.4|USD|8611537|2026-10-01T00:00|2026-11-01T00:00|2026-10-07T00:00|"
                + "2026-10-08T00:00|null|||24|null|{\"env\":\"dev\"}"),
        rows);
    Row storage = lake(cfg).filter("BillingCurrency = 'EUR' and x_SourceLine = 5").first();
    assertEquals("Storage", storage.getAs("ServiceCategory"));
    assertEquals("Standard", storage.getAs("PricingCategory"));
    assertEquals("Microsoft", storage.getAs("ProviderName"));
    assertEquals("Enrollment", storage.getAs("BillingAccountType"));
    Row legacy = lake(cfg).filter("BillingCurrency = 'USD'").first();
    assertEquals("vm-a", legacy.getAs("ResourceName"));
    assertEquals("sub-3", legacy.getAs("SubAccountId"));
  }

  @Test
  void mcaCamelCaseHeadersBillingProfileAsAccountPartnerAsIssuer() throws Exception {
    PipelineConfig cfg =
        config("azure-mca", 0.0, "azure-mca/camelcase-billing-profile-partner-savings-plan.csv");

    IngestResult r = IngestJob.run(spark, cfg, AS_OF);

    assertEquals(
        List.of(
            "2|Usage||1749.6|1749.6|EUR|BP-EU-1|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-05T00:00|2026-10-06T00:00|Usage-Based|||24|Standard_ND96isr_H100_v5|"
                + "{\"team\":\"applied-ml\"}",
            "3|Purchase||3000|3000|EUR|BP-EU-1|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-01T00:00|2026-10-02T00:00|One-Time|Savings Plan||null|null|null",
            "4|Purchase|Correction|-250|-250|EUR|BP-EU-1|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-12T00:00|2026-10-13T00:00|One-Time|Savings Plan||null|null|null",
            "5|Adjustment||-0.01|-0.01|EUR|BP-EU-1|2026-10-01T00:00|2026-11-01T00:00|"
                + "2026-10-31T00:00|2026-11-01T00:00|One-Time|||null|null|null"),
        golden(cfg));
    List<Row> all = lake(cfg).orderBy("x_SourceLine").collectAsList();
    assertEquals("Contoso EU", all.get(0).getAs("BillingAccountName"));
    assertEquals("Billing Profile", all.get(0).getAs("BillingAccountType"));
    assertEquals("G012345678", all.get(0).getAs("InvoiceId"));
    assertEquals("Microsoft", all.get(0).getAs("InvoiceIssuerName"));
    assertEquals("Fabrikam CSP", all.get(1).getAs("InvoiceIssuerName"));
    assertEquals("Spend", all.get(1).getAs("CommitmentDiscountCategory"));
    assertEquals(
        0,
        new BigDecimal("4499.59")
            .compareTo(IngestFixtures.dec(IngestFixtures.cost(r, 0, "EUR"), "cost_written")));
  }

  private PipelineConfig config(String format, double share, String... fixtures)
      throws IOException {
    for (String f : fixtures) {
      Path target = dir.resolve("landing/azure/" + f);
      Files.createDirectories(target.getParent());
      try (InputStream in = getClass().getResourceAsStream("/fixtures/" + f)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return IngestFixtures.config(dir, share, Source.of("azure", format, "landing/azure/**"));
  }

  private Dataset<Row> lake(PipelineConfig cfg) {
    return spark.read().parquet(cfg.layout().lakeCost().toString());
  }

  /** The lake's rows as text, ordered by currency and line: decimals without trailing zeros. */
  private List<String> golden(PipelineConfig cfg) {
    String[] cols = COLUMNS.split(",");
    List<String> out = new ArrayList<>();
    for (Row row :
        lake(cfg).orderBy("BillingCurrency", "x_SourceLine").selectExpr(cols).collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols.length; i++) {
        b.append(i == 0 ? "" : "|").append(IngestFixtures.cell(row.get(i), cols[i]));
      }
      out.add(b.toString());
    }
    return out;
  }
}
