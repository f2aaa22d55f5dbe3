package dev.burnrate.etl.ingest.formats;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Azure cost details (EA and MCA, actual or amortized): gives every column its canonical name so
 * that one mapping reads every header style Microsoft writes. A header matches a canonical name
 * case-insensitively (MCA writes {@code costInBillingCurrency}, EA {@code CostInBillingCurrency}),
 * or through {@code mappings/azure-header-aliases.csv} (German-localized and legacy EA names).
 * Canonical columns the file lacks are added as nulls, so the mapping's SQL rules can name any of
 * them. Values are not touched: the mapping does all value work.
 */
public final class AzurePreparer implements Preparer {
  /** The Azure cost-details columns the mappings name, in Microsoft's spelling. */
  static final List<String> CANONICAL =
      List.of(
          "AccountName",
          "AccountOwnerId",
          "AdditionalInfo",
          "AvailabilityZone",
          "BenefitId",
          "BenefitName",
          "BillingAccountId",
          "BillingAccountName",
          "BillingCurrency",
          "BillingCurrencyCode",
          "BillingPeriodEndDate",
          "BillingPeriodStartDate",
          "BillingProfileId",
          "BillingProfileName",
          "ChargeType",
          "ConsumedQuantity",
          "ConsumedService",
          "Cost",
          "CostCenter",
          "CostInBillingCurrency",
          "CostInPricingCurrency",
          "CostInUsd",
          "Date",
          "EffectivePrice",
          "ExtendedCost",
          "Frequency",
          "InstanceId",
          "InvoiceId",
          "InvoiceSectionId",
          "InvoiceSectionName",
          "MeterCategory",
          "MeterId",
          "MeterName",
          "MeterRegion",
          "MeterSubCategory",
          "PartnerName",
          "PartNumber",
          "PayGPrice",
          "PreTaxCost",
          "PreviousInvoiceId",
          "PricingCurrency",
          "PricingCurrencyCode",
          "PricingModel",
          "Product",
          "ProductId",
          "ProductName",
          "PublisherName",
          "PublisherType",
          "Quantity",
          "ReservationId",
          "ReservationName",
          "ResourceGroup",
          "ResourceGroupName",
          "ResourceId",
          "ResourceLocation",
          "ResourceName",
          "ResourceRate",
          "ServiceFamily",
          "SubscriptionGuid",
          "SubscriptionId",
          "SubscriptionName",
          "Tags",
          "UnitOfMeasure",
          "UnitPrice",
          "UsageDateTime");

  static final String ALIASES = "/mappings/azure-header-aliases.csv";

  private final Map<String, String> canonicalByKey;

  public AzurePreparer() {
    Map<String, String> m = new HashMap<>();
    for (String c : CANONICAL) {
      m.put(key(c), c);
    }
    readAliases().forEach((alias, canonical) -> m.put(key(alias), canonical));
    this.canonicalByKey = m;
  }

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows) {
    List<Column> select = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (String c : rows.columns()) {
      Column v = col("`" + c.replace("`", "``") + "`");
      if (c.startsWith("_")) {
        select.add(v);
        continue;
      }
      String canonical = canonicalByKey.get(key(c));
      // the first column wins a canonical name; a second spelling of it stays as delivered
      if (canonical != null && named.add(canonical)) {
        select.add(v.as(canonical));
      } else {
        select.add(v);
      }
    }
    for (String c : CANONICAL) {
      if (!named.contains(c)) {
        select.add(lit(null).cast(DataTypes.StringType).as(c));
      }
    }
    return rows.select(select.toArray(Column[]::new));
  }

  private static String key(String header) {
    return header.trim().toLowerCase(Locale.ROOT);
  }

  /** alias -> canonical column, from the CSV beside the mappings ({@code alias,column}). */
  static Map<String, String> readAliases() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = AzurePreparer.class.getResourceAsStream(ALIASES)) {
      if (in == null) {
        throw new IllegalStateException(ALIASES + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        int comma = line.lastIndexOf(',');
        out.put(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(ALIASES, e);
    }
  }
}
