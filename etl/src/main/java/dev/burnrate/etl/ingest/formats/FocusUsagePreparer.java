package dev.burnrate.etl.ingest.formats;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.etl.ingest.RawRows;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prices usage-only FOCUS rows (CoreWeave's FOCUS 1.2 export: quantities, no cost) from a rate card
 * in conf/: ContractedUnitPrice = the card's unit price for the row's SkuPriceId (or SkuId) valid
 * on its ChargePeriodStart, and BilledCost = EffectiveCost = ContractedCost = price x
 * PricingQuantity (ConsumedQuantity when there is no PricingQuantity). Priced rows are marked
 * x_PricedFrom = 'rate-card'; a row without a rate is quarantined with the reason.
 *
 * <p>The rate card is {@code conf/rate-cards/<source>.csv} unless the source's {@code rate_card}
 * option names another file (relative to conf/). Header: {@code
 * sku_id,sku_price_id,unit_price,currency,valid_from}; a line with a sku_price_id matches that
 * price id, a line without one matches every price of its sku_id. The latest valid_from on or
 * before the charge's day applies.
 */
public final class FocusUsagePreparer implements Preparer {
  static final String OPTION = "rate_card";
  static final String HEADER = "sku_id,sku_price_id,unit_price,currency,valid_from";

  /** One rate card line. */
  record Rate(
      String skuId, String skuPriceId, BigDecimal unitPrice, String currency, LocalDate from) {}

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows) {
    throw new IllegalStateException("focus-usage needs the source context for its rate card");
  }

  @Override
  public Dataset<Row> prepare(Dataset<Row> rows, Context ctx) {
    String rel =
        ctx.source()
            .billingOptions()
            .rateCard()
            .orElse("rate-cards/" + ctx.source().name() + ".csv");
    Path card = ctx.config().confDir().resolve(rel).normalize();
    List<Rate> rates = read(card, ctx.source().name());
    List<String> present = Arrays.asList(rows.columns());
    Column skuId = text(present, "SkuId");
    Column priceId = text(present, "SkuPriceId");
    Column day =
        dev.burnrate.etl.ingest.Typing.timestamp(text(present, "ChargePeriodStart")).cast("date");
    Column qty =
        coalesce(text(present, "PricingQuantity"), text(present, "ConsumedQuantity"))
            .try_cast("decimal(28,10)");

    // the card as one CASE per output: newest valid_from first, price-id lines before sku lines
    List<Rate> ordered = new ArrayList<>(rates);
    ordered.sort(
        Comparator.comparing(Rate::from)
            .reversed()
            .thenComparing(r -> r.skuPriceId() == null ? 1 : 0));
    Column price = null;
    Column currency = null;
    for (Rate r : ordered) {
      Column match =
          (r.skuPriceId() != null ? priceId.equalTo(r.skuPriceId()) : skuId.equalTo(r.skuId()))
              .and(day.geq(lit(java.sql.Date.valueOf(r.from()))));
      price =
          price == null ? when(match, lit(r.unitPrice())) : price.when(match, lit(r.unitPrice()));
      currency =
          currency == null
              ? when(match, lit(r.currency()))
              : currency.when(match, lit(r.currency()));
    }
    if (price == null) {
      price = lit(null).cast("decimal(28,10)");
      currency = lit(null).cast("string");
    }
    Column billed = text(present, "BillingCurrency");
    Column cost = price.multiply(qty).cast("decimal(28,10)");
    Column noRate =
        when(
            price.isNull(),
            format_string(
                "SkuId: no rate in "
                    + card.getFileName()
                    + " for SkuId '%s' / SkuPriceId '%s' on %s",
                coalesce(skuId, lit("")),
                coalesce(priceId, lit("")),
                coalesce(day.cast("string"), lit("?"))));
    Column noQty =
        when(
            price.isNotNull().and(qty.isNull()),
            lit(
                "PricingQuantity: no quantity to price (PricingQuantity and ConsumedQuantity empty)"));
    Column otherCurrency =
        when(
            billed.isNotNull().and(currency.isNotNull()).and(billed.notEqual(currency)),
            format_string(
                "BillingCurrency: '%s' differs from the rate card's %s", billed, currency));
    Column errors =
        org.apache.spark.sql.functions.array_compact(array(noRate, noQty, otherCurrency));
    if (present.contains(RawRows.PREP_ERRORS)) {
      errors = concat(col(RawRows.PREP_ERRORS), errors);
    }
    return rows.withColumn("_rate", price)
        .withColumn("_rate_currency", currency)
        .withColumn("ContractedUnitPrice", col("_rate").cast("string"))
        .withColumn("_cost", cost.cast("string"))
        .withColumn("BilledCost", col("_cost"))
        .withColumn("EffectiveCost", col("_cost"))
        .withColumn("ContractedCost", col("_cost"))
        .withColumn("BillingCurrency", coalesce(billed, col("_rate_currency")))
        .withColumn(
            "PricingCurrency", coalesce(text(present, "PricingCurrency"), col("_rate_currency")))
        .withColumn("x_PricedFrom", lit("rate-card"))
        .withColumn(RawRows.PREP_ERRORS, errors)
        .drop("_rate", "_rate_currency", "_cost");
  }

  private static Column text(List<String> present, String column) {
    if (!present.contains(column)) {
      return lit(null).cast("string");
    }
    Column c = trim(col(column));
    return when(c.isin("", "NULL", "null", "Null"), lit(null).cast("string")).otherwise(c);
  }

  /** Reads and checks the rate card (small configuration, read on the driver). */
  static List<Rate> read(Path card, String source) {
    if (!Files.isRegularFile(card)) {
      throw BurnrateException.config(
          "source '"
              + source
              + "': rate card "
              + card
              + " not found (set the source's "
              + OPTION
              + " option or create it with the header "
              + HEADER
              + ")");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(card);
    } catch (IOException e) {
      throw BurnrateException.config(card + ": cannot read: " + e.getMessage());
    }
    if (lines.isEmpty()
        || !lines.get(0).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).equals(HEADER)) {
      throw BurnrateException.config(card + ": line 1: the header must be " + HEADER);
    }
    List<Rate> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      String where = card + ": line " + (i + 1) + ": ";
      if (f.length != 5) {
        throw BurnrateException.config(where + "expected 5 fields, found " + f.length);
      }
      String sku = f[0].trim();
      String priceId = f[1].trim();
      if (sku.isEmpty() && priceId.isEmpty()) {
        throw BurnrateException.config(where + "sku_id or sku_price_id is required");
      }
      BigDecimal price;
      try {
        price = new BigDecimal(f[2].trim());
      } catch (NumberFormatException e) {
        throw BurnrateException.config(where + "unit_price '" + f[2].trim() + "' is not a number");
      }
      String currency = f[3].trim();
      if (!currency.matches("[A-Z]{3}")) {
        throw BurnrateException.config(where + "currency '" + currency + "' is not an ISO code");
      }
      LocalDate from;
      try {
        from = LocalDate.parse(f[4].trim());
      } catch (DateTimeParseException e) {
        throw BurnrateException.config(where + "valid_from '" + f[4].trim() + "' is not a date");
      }
      out.add(
          new Rate(
              sku.isEmpty() ? null : sku,
              priceId.isEmpty() ? null : priceId,
              price,
              currency,
              from));
    }
    return out;
  }
}
