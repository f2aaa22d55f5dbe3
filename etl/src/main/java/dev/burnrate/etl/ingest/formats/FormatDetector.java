package dev.burnrate.etl.ingest.formats;

import dev.burnrate.core.config.SourceFormat;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code auto} format: which export format a file is, from its header alone. Each format is
 * recognised by columns no other format has (compared case-insensitively, since Azure and localized
 * exports vary the case); the checks run from the most to the least specific.
 *
 * <ul>
 *   <li>oci-cost: {@code lineItem/referenceNo} or {@code cost/myCost} (OCI also uses slash names,
 *       so it is checked before the AWS CUR);
 *   <li>aws-cur: {@code lineItem/UnblendedCost} or {@code lineItem/LineItemType};
 *   <li>aws-cur (the same report with the Athena integration's snake_case names, as Parquet):
 *       {@code line_item_unblended_cost} or {@code line_item_line_item_type}, no column only CUR
 *       2.0 has (its map columns {@code product}, {@code resource_tags}, {@code cost_category},
 *       {@code discount}; {@code bill_payer_account_name}, {@code line_item_usage_account_name}),
 *       and a flat column only the legacy report has ({@code resource_tags_*}, {@code
 *       product_product_name}, {@code product_region});
 *   <li>aws-cur2: {@code line_item_unblended_cost} or {@code line_item_line_item_type} otherwise;
 *   <li>gcp-billing: {@code billing_account_id} with {@code cost} and {@code usage_start_time};
 *   <li>azure-ea / azure-mca: {@code MeterCategory} or {@code ChargeType} with a cost column
 *       ({@code CostInBillingCurrency}, {@code Cost}, {@code CostInUsd}, {@code PreTaxCost}); EA
 *       when the EA-only enrollment columns ({@code AccountOwnerId}, {@code EnrollmentNumber},
 *       {@code DepartmentName}) are present, MCA otherwise;
 *   <li>focus: {@code BilledCost} and {@code ChargePeriodStart};
 *   <li>focus-usage: FOCUS columns ({@code ChargePeriodStart} and {@code ConsumedQuantity} or
 *       {@code PricingQuantity}) without any cost column.
 * </ul>
 *
 * <p>FOCUS 1.3's second dataset, Contract Commitment, is not cost rows at all: {@link
 * #isContractCommitmentDataset} recognises it so that the billing ingest can refuse it by name
 * instead of quarantining every row.
 */
public final class FormatDetector {
  private FormatDetector() {}

  /** Columns only CUR 2.0 has: its map columns and the two columns legacy CUR never had. */
  private static final Set<String> CUR2_ONLY =
      Set.of(
          "product",
          "resource_tags",
          "cost_category",
          "discount",
          "bill_payer_account_name",
          "line_item_usage_account_name");

  /**
   * Columns only the legacy CUR's Athena names have: CUR 2.0 keeps tags and the product name and
   * region in its map columns, never as flat columns.
   */
  private static final Set<String> ATHENA_LEGACY_ONLY =
      Set.of("product_product_name", "product_region");

  public static Optional<SourceFormat> detect(Collection<String> header) {
    Set<String> h = normalized(header);
    if (h.contains("lineitem/referenceno") || h.contains("cost/mycost")) {
      return Optional.of(SourceFormat.OCI_COST);
    }
    if (h.contains("lineitem/unblendedcost") || h.contains("lineitem/lineitemtype")) {
      return Optional.of(SourceFormat.AWS_CUR);
    }
    if (h.contains("line_item_unblended_cost") || h.contains("line_item_line_item_type")) {
      return Optional.of(legacyCurForAthena(h) ? SourceFormat.AWS_CUR : SourceFormat.AWS_CUR2);
    }
    if (h.contains("billing_account_id") && h.contains("cost") && h.contains("usage_start_time")) {
      return Optional.of(SourceFormat.GCP_BILLING);
    }
    boolean azureCost =
        h.contains("costinbillingcurrency")
            || h.contains("cost")
            || h.contains("costinusd")
            || h.contains("pretaxcost");
    if ((h.contains("metercategory") || h.contains("chargetype")) && azureCost) {
      boolean ea =
          h.contains("accountownerid")
              || h.contains("enrollmentnumber")
              || h.contains("departmentname");
      return Optional.of(ea ? SourceFormat.AZURE_EA : SourceFormat.AZURE_MCA);
    }
    if (h.contains("billedcost") && h.contains("chargeperiodstart")) {
      return Optional.of(SourceFormat.FOCUS);
    }
    if (h.contains("chargeperiodstart")
        && (h.contains("consumedquantity") || h.contains("pricingquantity"))
        && !h.contains("effectivecost")) {
      return Optional.of(SourceFormat.FOCUS_USAGE);
    }
    return Optional.empty();
  }

  /**
   * True for the header of a FOCUS 1.3 Contract Commitment file: its identifying columns {@code
   * ContractId}, {@code ContractCommitmentId} and {@code ContractCommitmentCategory}, and none of
   * the cost-and-usage columns every billing format maps from ({@code BilledCost}, {@code
   * ChargePeriodStart}). A cost-and-usage row names its commitments only inside {@code
   * ContractApplied}, never as these columns.
   */
  public static boolean isContractCommitmentDataset(Collection<String> header) {
    Set<String> h = normalized(header);
    return h.contains("contractid")
        && h.contains("contractcommitmentid")
        && h.contains("contractcommitmentcategory")
        && !h.contains("billedcost")
        && !h.contains("chargeperiodstart");
  }

  /** Header names trimmed, without a byte-order mark, lower case. */
  private static Set<String> normalized(Collection<String> header) {
    Set<String> h = new HashSet<>();
    for (String c : header) {
      h.add(c.trim().replace("\uFEFF", "").toLowerCase(Locale.ROOT));
    }
    return h;
  }

  /** A snake_case AWS report is the legacy CUR (Athena names) only when CUR 2.0 is ruled out. */
  private static boolean legacyCurForAthena(Set<String> h) {
    if (h.stream().anyMatch(CUR2_ONLY::contains)) {
      return false;
    }
    return h.stream()
        .anyMatch(c -> ATHENA_LEGACY_ONLY.contains(c) || c.startsWith("resource_tags_"));
  }
}
