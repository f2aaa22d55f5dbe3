package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.SourceConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an Azure actual + amortized pair lands each charge once (int_focus_cost_paired), and of
 * two feeds of one payer exactly one counts per billing period (int_feed_periods).
 */
class FeedPairingTest {
  @TempDir Path tmp;

  private static final LocalDate DAY = LocalDate.parse("2026-03-10");
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-31");

  static SourceConfig azure(String name, String costBasis) {
    return new SourceConfig(
        name, "azure-ea", "landing/" + name + "/**", Map.of("cost_basis", costBasis), null);
  }

  /** One Microsoft row of the azure-ea mapping's shape, from the named source. */
  static CostRow azureRow(String source, String billed, String effective) {
    return CostRow.charge("Microsoft", DAY, billed)
        .effective(effective)
        .account("ea-1")
        .set("SubAccountId", "sub-1")
        .set("x_SourceName", source)
        .set("x_SourceFormat", "azure-ea");
  }

  /** An on-demand VM: 24 hours at 10 in both exports. */
  static CostRow onDemand(String source) {
    return azureRow(source, "10", "10")
        .set("ResourceId", "/vm/web")
        .set("SkuPriceId", "meter-d4")
        .set("PricingQuantity", "24")
        .set("PricingCategory", "Standard");
  }

  /** The reservation's purchase, 720, in the actual export only. */
  static CostRow purchase(String source) {
    return azureRow(source, "720", "720")
        .category("Purchase")
        .set("ChargeFrequency", "One-Time")
        .set("PricingQuantity", "1")
        .set("PricingCategory", "Committed")
        .set("CommitmentDiscountId", "ri-1")
        .set("CommitmentDiscountType", "Reservation");
  }

  /** A reserved GPU VM, 20 hours: 0 in the actual export, 20 amortized. */
  static CostRow reservedGpuVm(String source, String effective) {
    return azureRow(source, "0", effective)
        .set("ResourceId", "/vm/gpu")
        .set("SkuPriceId", "meter-nd")
        .set("PricingQuantity", "20")
        .set("PricingCategory", "Committed")
        .set("CommitmentDiscountId", "ri-1")
        .set("CommitmentDiscountStatus", "Used");
  }

  /** The reservation's 4 unused hours, in the amortized export only: 4. */
  static CostRow unused(String source) {
    return azureRow(source, "0", "4")
        .set("SkuPriceId", "meter-nd")
        .set("PricingQuantity", "4")
        .set("PricingCategory", "Committed")
        .set("CommitmentDiscountId", "ri-1")
        .set("CommitmentDiscountStatus", "Unused");
  }

  /** The actual export's rows and the amortized export's rows of one day. */
  static List<CostRow> azurePair() {
    return List.of(
        onDemand("azure-actual"),
        purchase("azure-actual"),
        reservedGpuVm("azure-actual", "0"),
        onDemand("azure-amortized"),
        reservedGpuVm("azure-amortized", "20"),
        unused("azure-amortized"));
  }

  /**
   * Six lake rows, four charges: the on-demand VM merged (billed 10, effective 10), the purchase
   * from the actual export (billed 720, effective 0), the reserved GPU VM merged (billed 0 from the
   * actual, effective 20 from the amortized) and the unused hours (billed 0, effective 4).
   * BilledCost 10 + 720 = 730, EffectiveCost 10 + 20 + 4 = 34. The contract burns BilledCost: 730
   * (both exports counted as two sources would have billed 740 and effective 764). No warning:
   * paired.
   */
  @Test
  void actualAndAmortizedPairLandEachChargeOnce() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .sources(azure("azure-actual", "actual"), azure("azure-amortized", "amortized"))
            .contracts(
                new Contracts()
                    .contract("macc", "Microsoft", "USD", "2026-03-01", "2027-03-01")
                    .spend("macc-y1", "2026-03-01", "2027-03-01", "100000")
                    .yaml())
            .rows(azurePair());

    BuildResult result = wh.build(AS_OF);

    assertEquals(List.of(), result.warnings());
    assertEquals(
        List.of(
            "/vm/gpu | Usage | 0 | 20 | azure-amortized",
            "/vm/web | Usage | 10 | 10 | azure-amortized",
            "NULL | Purchase | 720 | 0 | azure-actual",
            "NULL | Usage | 0 | 4 | azure-amortized"),
        wh.query(
            "select ResourceId, ChargeCategory, BilledCost::double, EffectiveCost::double,"
                + " x_SourceName from focus_cost order by ResourceId nulls last, ChargeCategory"));
    assertEquals(
        List.of("4 | 730 | 34"),
        wh.query(
            "select count(*), sum(BilledCost)::double, sum(EffectiveCost)::double from focus_cost"));
    assertEquals(List.of("730"), wh.query("select burned::double from fct_commitment_status"));
  }

  /**
   * The actual export alone: its three rows count as delivered (billed 730, effective 730: the
   * purchase stands in for the amortization it cannot show), and the build warns that the
   * amortization is missing, naming the source and the setting to add.
   */
  @Test
  void actualExportAloneWarnsThatAmortizationIsMissing() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .sources(azure("azure-actual", "actual"))
            .rows(
                onDemand("azure-actual"),
                purchase("azure-actual"),
                reservedGpuVm("azure-actual", "0"));

    BuildResult result = wh.build(AS_OF);

    assertEquals(1, result.warnings().size(), result.warnings().toString());
    String warning = result.warnings().get(0);
    assertTrue(
        warning.startsWith("source azure-actual (cost_basis actual) has no amortized partner"),
        warning);
    assertTrue(warning.contains("amortization is missing"), warning);
    assertTrue(warning.contains("options.cost_basis: amortized"), warning);
    assertEquals(
        List.of("3 | 730 | 730"),
        wh.query(
            "select count(*), sum(BilledCost)::double, sum(EffectiveCost)::double from focus_cost"));
  }

  /** A legacy CUR feed and a FOCUS feed of payer 111 in March; CUR alone in February. */
  private static TestWarehouse twoFeeds(TestWarehouse wh) {
    return wh.sources(
            new SourceConfig("aws-cur", "aws-cur", "landing/cur/**", Map.of(), null),
            new SourceConfig("aws-focus", "focus", "landing/focus/**", Map.of(), null))
        .rows(
            CostRow.charge("AWS", LocalDate.parse("2026-02-10"), "7")
                .account("111")
                .set("x_SourceName", "aws-cur"),
            CostRow.charge("AWS", DAY, "5").account("111").set("x_SourceName", "aws-cur"),
            CostRow.charge("AWS", DAY.plusDays(1), "6")
                .account("111")
                .set("x_SourceName", "aws-cur"),
            CostRow.charge("AWS", DAY, "11").account("111").set("x_SourceName", "aws-focus"));
  }

  /**
   * overlaps.prefer [aws-focus, aws-cur]: March counts the FOCUS feed's 11 only, February the CUR
   * feed's 7 (no overlap): 18 in focus_cost. fct_feed_overlaps shows CUR's 2 March rows, 5 + 6 =
   * 11, and rpt_data_quality counts them as dropped for aws-cur.
   */
  @Test
  void preferredFeedWinsItsPeriodAndTheLoserIsAccounted() {
    TestWarehouse wh = twoFeeds(new TestWarehouse(tmp)).prefer("aws-focus", "aws-cur");

    wh.build(AS_OF);

    assertEquals(
        List.of("2026-02-10 | aws-cur | 7", "2026-03-10 | aws-focus | 11"),
        wh.query(
            "select x_ChargeDate, x_SourceName, BilledCost::double from focus_cost"
                + " order by x_ChargeDate"));
    assertEquals(
        List.of("AWS | 111 | 2026-03-01 | aws-focus | aws-cur | USD | 2 | 11"),
        wh.query(
            "select provider, billing_account_id, billing_period_start, winning_source,"
                + " losing_source, billing_currency, rows_dropped, billed_cost_dropped::double"
                + " from fct_feed_overlaps"));
    assertEquals(
        List.of("aws-cur | 2 | 11.00", "aws-focus | 0 | 0.00"),
        wh.query(
            "select source, rows_dropped_by_overlap, cost_dropped_by_overlap_reporting"
                + " from rpt_data_quality order by source"));
  }

  /** Without overlaps.prefer the build stops with exit 3, naming the period and the setting. */
  @Test
  void overlapWithoutPreferenceStopsTheBuild() {
    TestWarehouse wh = twoFeeds(new TestWarehouse(tmp));

    BurnrateException e = assertThrows(BurnrateException.class, () -> wh.build(AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertTrue(
        e.getMessage()
            .contains(
                "sources aws-cur, aws-focus all deliver AWS billing account 111,"
                    + " billing period 2026-03"),
        e.getMessage());
    assertTrue(e.getMessage().contains("overlaps: {prefer: [aws-cur, aws-focus]}"), e.getMessage());
  }
}
