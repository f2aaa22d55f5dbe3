package dev.burnrate.tools;

import java.util.ArrayList;
import java.util.List;

/** The bench file's columns: CUR names and DuckDB expressions over the row number i. */
final class CurColumns {
  private CurColumns() {}

  static List<String[]> all() {
    List<String[]> c = new ArrayList<>();
    add(c, "identity/LineItemId", "md5(i::varchar)");
    add(c, "identity/TimeInterval", "'2026-10-01T00:00:00Z/2026-10-01T01:00:00Z'");
    add(c, "bill/InvoiceId", "'EUINUS26-1234567'");
    add(c, "bill/InvoicingEntity", "'Amazon Web Services, Inc.'");
    add(c, "bill/BillingEntity", "'AWS'");
    add(c, "bill/BillType", "'Anniversary'");
    add(c, "bill/PayerAccountId", "'123456789012'");
    add(c, "bill/BillingPeriodStartDate", "'2026-10-01T00:00:00Z'");
    add(c, "bill/BillingPeriodEndDate", "'2026-11-01T00:00:00Z'");
    add(c, "lineItem/UsageAccountId", "(100000000000 + i % 40)::varchar");
    add(
        c,
        "lineItem/LineItemType",
        "case when i % 50 = 0 then 'Tax' when i % 5 = 0 then 'SavingsPlanCoveredUsage'"
            + " else 'Usage' end");
    add(
        c,
        "lineItem/UsageStartDate",
        "strftime(timestamp '2026-10-01' + to_hours((i % 720)::int), '%Y-%m-%dT%H:%M:%SZ')");
    add(
        c,
        "lineItem/UsageEndDate",
        "strftime(timestamp '2026-10-01' + to_hours((i % 720 + 1)::int), '%Y-%m-%dT%H:%M:%SZ')");
    add(c, "lineItem/ProductCode", "case when i % 3 = 0 then 'AmazonS3' else 'AmazonEC2' end");
    add(
        c,
        "lineItem/UsageType",
        "case when i % 3 = 0 then 'USE1-TimedStorage-ByteHrs'"
            + " else 'USE1-BoxUsage:' || (['p5.48xlarge','p4d.24xlarge','g5.xlarge','m5.large'])[i % 4 + 1] end");
    add(c, "lineItem/Operation", "'RunInstances'");
    add(c, "lineItem/AvailabilityZone", "'us-east-1' || chr(97 + (i % 3)::int)");
    add(c, "lineItem/ResourceId", "'i-' || lpad(printf('%x', i % 5000), 17, '0')");
    add(c, "lineItem/UsageAmount", "'1.0'");
    add(c, "lineItem/NormalizationFactor", "'64'");
    add(c, "lineItem/NormalizedUsageAmount", "'64.0'");
    add(c, "lineItem/CurrencyCode", "'USD'");
    add(c, "lineItem/UnblendedRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "lineItem/UnblendedCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "lineItem/BlendedRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "lineItem/BlendedCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "lineItem/LineItemDescription", "'USD per On Demand Linux Instance Hour'");
    add(c, "lineItem/TaxType", "case when i % 50 = 0 then 'Sales Tax' else '' end");
    add(c, "lineItem/LegalEntity", "'Amazon Web Services, Inc.'");
    add(c, "product/ProductName", "'Amazon Elastic Compute Cloud'");
    add(
        c,
        "product/instanceType",
        "(['p5.48xlarge','p4d.24xlarge','g5.xlarge','m5.large'])[i % 4 + 1]");
    add(c, "product/region", "'us-east-1'");
    add(c, "product/regionCode", "'us-east-1'");
    add(c, "product/location", "'US East (N. Virginia)'");
    add(c, "product/sku", "'SKU' || (i % 200)::varchar");
    add(c, "pricing/RateId", "(i % 1000)::varchar");
    add(c, "pricing/publicOnDemandCost", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "pricing/publicOnDemandRate", "((i % 9800) / 100.0)::decimal(18,6)::varchar");
    add(c, "pricing/term", "'OnDemand'");
    add(c, "pricing/unit", "'Hrs'");
    add(
        c,
        "savingsPlan/SavingsPlanARN",
        "case when i % 5 = 0 then 'arn:aws:savingsplans::123456789012:savingsplan/sp-1' else '' end");
    add(
        c,
        "savingsPlan/SavingsPlanEffectiveCost",
        "case when i % 5 = 0 then ((i % 9800) / 150.0)::decimal(18,6)::varchar else '' end");
    add(c, "resourceTags/user:team", "(['research','inference','data',''])[i % 4 + 1]");
    add(c, "resourceTags/user:project", "(['llm','serving','datasets',''])[i % 4 + 1]");
    // the long sparse tail of a real CUR: product attributes, reservation and pricing details
    for (int k = c.size(), n = 0; k < 100; k++, n++) {
      add(
          c,
          (n % 3 == 0 ? "product/attribute" : n % 3 == 1 ? "reservation/detail" : "pricing/detail")
              + n,
          "case when i % " + (n % 7 + 2) + " = 0 then 'value-" + n + "' else '' end");
    }
    return c;
  }

  private static void add(List<String[]> c, String name, String expr) {
    c.add(new String[] {name, expr});
  }
}
