package dev.burnrate.etl.ingest.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
