package dev.burnrate.etl.ingest.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.SourceFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {
  private static Optional<SourceFormat> detect(String header) {
    return FormatDetector.detect(List.of(header.split(",")));
  }

  @Test
  void eachFormatIsKnownByItsCharacteristicColumns() {
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR),
        detect(
            "identity/LineItemId,bill/PayerAccountId,lineItem/LineItemType,lineItem/UnblendedCost"));
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR2),
        detect("bill_payer_account_id,line_item_line_item_type,line_item_unblended_cost,product"));
    assertEquals(
        Optional.of(SourceFormat.OCI_COST),
        detect("lineItem/referenceNo,lineItem/tenantId,lineItem/intervalUsageStart,cost/myCost"));
    assertEquals(
        Optional.of(SourceFormat.GCP_BILLING),
        detect("billing_account_id,service.id,usage_start_time,cost,currency,credits"));
    assertEquals(
        Optional.of(SourceFormat.AZURE_EA),
        detect(
            "\uFEFFBillingAccountId,AccountOwnerId,MeterCategory,Cost,BillingCurrency,ChargeType"));
    assertEquals(
        Optional.of(SourceFormat.AZURE_MCA),
        detect("invoiceSectionId,billingProfileId,meterCategory,costInBillingCurrency,chargeType"));
    assertEquals(
        Optional.of(SourceFormat.FOCUS),
        detect("BilledCost,BillingAccountId,ChargePeriodStart,EffectiveCost,ConsumedQuantity"));
    assertEquals(
        Optional.of(SourceFormat.FOCUS_USAGE),
        detect("BillingAccountId,ChargePeriodStart,ConsumedQuantity,SkuId,ProviderName"));
    assertEquals(Optional.empty(), detect("host,rack,owner"));
  }

  @Test
  void snakeCaseAwsReportsAreCur2UnlessOnlyTheLegacyReportHasTheirColumns() {
    String costs = "identity_line_item_id,line_item_line_item_type,line_item_unblended_cost,";
    // CUR 2.0: map columns, plus flat product columns of its static schema
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR2),
        detect(costs + "product_instance_type,product_region_code,product,resource_tags"));
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR2),
        detect(costs + "product,resource_tags,cost_category,discount,resource_tags_user_team"),
        "a map column decides, whatever else the export selected");
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR2),
        detect(costs + "line_item_usage_account_name,product_product_name"),
        "a column legacy CUR never had");
    assertEquals(Optional.of(SourceFormat.AWS_CUR2), detect(costs + "product_instance_type"));
    // legacy CUR through the Athena integration: flat tag and product columns, no map column
    assertEquals(
        Optional.of(SourceFormat.AWS_CUR),
        detect(costs + "product_product_name,product_region,resource_tags_user_team,year,month"));
    assertEquals(Optional.of(SourceFormat.AWS_CUR), detect(costs + "resource_tags_user_team"));
    assertEquals(Optional.of(SourceFormat.AWS_CUR), detect(costs + "product_region"));
  }

  @Test
  void athenaNamesFollowAwsRule() {
    assertEquals(
        "line_item_unblended_cost", AwsCurAthenaPreparer.athenaName("lineItem/UnblendedCost"));
    assertEquals(
        "savings_plan_savings_plan_a_r_n",
        AwsCurAthenaPreparer.athenaName("savingsPlan/SavingsPlanARN"));
    assertEquals("product_region_code", AwsCurAthenaPreparer.athenaName("product/regionCode"));
    assertEquals("resource_tags_user_", AwsCurAthenaPreparer.athenaName("resourceTags/user:"));
    assertEquals("pricing_unit", AwsCurAthenaPreparer.athenaName("pricing/unit"));
  }

  @Test
  void theContractCommitmentDatasetIsKnownAndIsNoCostFormat() {
    String commitments =
        "\uFEFFContractId,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentCost,"
            + "ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,BillingCurrency";
    assertTrue(FormatDetector.isContractCommitmentDataset(List.of(commitments.split(","))));
    assertTrue(
        FormatDetector.isContractCommitmentDataset(
            List.of(commitments.toLowerCase(java.util.Locale.ROOT).split(","))),
        "header case does not matter, as for every format");
    assertEquals(Optional.empty(), detect(commitments), "no cost format claims it");
    assertFalse(
        FormatDetector.isContractCommitmentDataset(
            List.of(
                "BilledCost,ChargePeriodStart,ContractApplied,ContractId,ContractCommitmentId,ContractCommitmentCategory"
                    .split(","))),
        "cost rows stay cost rows, whatever extra columns they carry");
    assertFalse(
        FormatDetector.isContractCommitmentDataset(
            List.of("ContractId,ContractCommitmentCost".split(","))),
        "an id column alone is not the dataset");
  }
}
