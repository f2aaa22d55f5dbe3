package dev.burnrate.etl.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native exports of the generated sample (January = legacy CUR, February = CUR 2.0 and
 * restated, March = AWS FOCUS; GCP CSV then JSON lines): where each file lies and the quirks of its
 * format. That they map back to the generator's totals is {@link GeneratedBillsIngestTest}'s job.
 */
class NativeExportsTest {
  @TempDir static Path dir;
  private static Path out;
  private static Totals totals;

  @BeforeAll
  static void generate() throws IOException {
    out = dir.resolve("native");
    totals = Generator.generate(GeneratedSample.nativeOptions(out));
  }

  @Test
  void sameOptionsGiveIdenticalBytes() throws IOException {
    Path again = dir.resolve("again");
    Generator.generate(GeneratedSample.nativeOptions(again));
    List<Path> first = GeneratorTest.files(out);
    assertEquals(first, GeneratorTest.files(again));
    for (Path rel : first) {
      assertArrayEquals(
          Files.readAllBytes(out.resolve(rel)), Files.readAllBytes(again.resolve(rel)), rel + "");
    }
  }

  @Test
  void everyProviderMonthIsInExactlyOneFile() {
    List<String> paths = totals.initial().files().stream().map(Totals.FileTotal::path).toList();
    assertEquals(
        List.of(
            "landing/aws/cur/meridian-cur/20260101-20260201/meridian-cur-00001.csv.gz",
            "landing/aws/cur2/meridian-cur2/data/BILLING_PERIOD=2026-02/meridian-cur2-00001.csv.gz",
            "landing/aws/focus/meridian-focus/data/BILLING_PERIOD=2026-03/meridian-focus-00001.csv.gz"),
        paths.subList(0, 3));
    // Azure: one EA (USD) and one MCA (EUR) file per month
    assertEquals(6, paths.stream().filter(p -> p.startsWith("landing/azure/")).count());
    assertEquals(
        List.of(
            "landing/gcp/billing-export-2026-01.csv",
            "landing/gcp/billing-export-2026-02.csv",
            "landing/gcp/billing-export-2026-03.jsonl"),
        paths.stream().filter(p -> p.startsWith("landing/gcp/")).toList());
    assertEquals(3, paths.stream().filter(p -> p.startsWith("landing/oci/")).count());
    assertEquals(3, paths.stream().filter(p -> p.startsWith("landing/coreweave/")).count());
    assertEquals(
        "restated/landing/aws/cur2/meridian-cur2/data/BILLING_PERIOD=2026-02/meridian-cur2-00001.csv.gz",
        totals.restatement().restatedFile());
  }

  @Test
  void awsCurAndCur2() throws IOException {
    FocusCsv cur =
        FocusCsv.read(
            out.resolve(
                "landing/aws/cur/meridian-cur/20260101-20260201/meridian-cur-00001.csv.gz"));
    assertTrue(
        cur.header()
            .containsAll(
                List.of("bill/PayerAccountId", "lineItem/UnblendedCost", "lineItem/LineItemType")));
    List<String> tagColumns =
        cur.header().stream().filter(h -> h.startsWith("resourceTags/user:")).toList();
    assertEquals(
        tagColumns.size(),
        tagColumns.stream().map(String::toLowerCase).distinct().count(),
        "one tag column per key whatever its case: " + tagColumns);
    // January holds the window's first two days and the month's tax; the Savings Plan covers the
    // inference nodes from the first day
    Set<String> types = new TreeSet<>();
    cur.rows().forEach(r -> types.add(cur.get(r, "lineItem/LineItemType")));
    assertEquals(
        Set.of(
            "Usage",
            "Tax",
            "SavingsPlanCoveredUsage",
            "SavingsPlanNegation",
            "SavingsPlanRecurringFee"),
        types);
    for (List<String> r : cur.rows()) {
      if ("SavingsPlanRecurringFee".equals(cur.get(r, "lineItem/LineItemType"))) {
        BigDecimal total = new BigDecimal(cur.get(r, "savingsPlan/TotalCommitmentToDate"));
        BigDecimal used = new BigDecimal(cur.get(r, "savingsPlan/UsedCommitment"));
        assertEquals(0, total.compareTo(new BigDecimal(cur.get(r, "lineItem/UnblendedCost"))));
        assertTrue(used.signum() > 0 && used.compareTo(total) < 0, "some commitment is unused");
      }
    }
    FocusCsv cur2 =
        FocusCsv.read(
            out.resolve(
                "landing/aws/cur2/meridian-cur2/data/BILLING_PERIOD=2026-02/meridian-cur2-00001.csv.gz"));
    assertTrue(cur2.header().containsAll(List.of("line_item_unblended_cost", "resource_tags")));
    Set<String> types2 = new TreeSet<>();
    cur2.rows().forEach(r -> types2.add(cur2.get(r, "line_item_line_item_type")));
    assertEquals(
        Set.of(
            "Usage",
            "Fee",
            "Credit",
            "Tax",
            "SavingsPlanCoveredUsage",
            "SavingsPlanNegation",
            "SavingsPlanRecurringFee",
            "DiscountedUsage",
            "RIFee"),
        types2,
        "support and Reserved Instance upfront fees, credit, tax, Savings Plan, RIs bought Feb 1");
    long upfront =
        cur2.rows().stream()
            .filter(
                r ->
                    "Fee".equals(cur2.get(r, "line_item_line_item_type"))
                        && cur2.get(r, "reservation_reservation_a_r_n") != null)
            .count();
    assertEquals(1, upfront, "the Reserved Instances' upfront fee");
    List<String> compute =
        cur2.rows().stream()
            .filter(r -> "AmazonEC2".equals(cur2.get(r, "line_item_product_code")))
            .findFirst()
            .orElseThrow();
    JsonNode product = new ObjectMapper().readTree(cur2.get(compute, "product"));
    assertEquals("Amazon Elastic Compute Cloud", product.get("product_name").asText());
    assertTrue(cur2.get(compute, "resource_tags").contains("\"user_"));
  }

  @Test
  void azureEaHasABomAndUsDatesMcaIsCamelCase() throws IOException {
    List<Path> files = GeneratorTest.files(out.resolve("landing/azure"));
    Path ea =
        out.resolve("landing/azure")
            .resolve(files.stream().filter(f -> f.startsWith("ea")).findFirst().orElseThrow());
    byte[] bytes = Files.readAllBytes(ea);
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "CRLF");
    FocusCsv eaCsv = FocusCsv.read(ea);
    assertTrue(eaCsv.header().contains("AccountOwnerId"), "EA's enrollment column");
    assertTrue(eaCsv.get(eaCsv.rows().get(0), "Date").matches("\\d{1,2}/\\d{1,2}/2026"));
    Path mca =
        out.resolve("landing/azure")
            .resolve(files.stream().filter(f -> f.startsWith("mca")).findFirst().orElseThrow());
    FocusCsv mcaCsv = FocusCsv.read(mca);
    assertTrue(mcaCsv.header().containsAll(List.of("billingProfileId", "costInBillingCurrency")));
    String tags =
        mcaCsv.rows().stream()
            .map(r -> mcaCsv.get(r, "tags"))
            .filter(t -> t != null && !t.isEmpty())
            .findFirst()
            .orElseThrow();
    assertFalse(tags.startsWith("{"), "Azure writes Tags without the outer braces: " + tags);
  }

  @Test
  void gcpNestsCreditsInCsvAndJsonLines() throws IOException {
    FocusCsv csv = FocusCsv.read(out.resolve("landing/gcp/billing-export-2026-02.csv"));
    long withCredits =
        csv.rows().stream().filter(r -> csv.get(r, "credits").contains("\"PROMOTION\"")).count();
    assertEquals(1, withCredits, "the month's promotional credit rides on one usage row");
    long committed =
        csv.rows().stream()
            .filter(r -> csv.get(r, "credits").contains("\"COMMITTED_USAGE_DISCOUNT\""))
            .count();
    assertEquals(2 * 28, committed, "the CUD's credit on each inference VM's day");
    List<String> lines =
        Files.readAllLines(out.resolve("landing/gcp/billing-export-2026-03.jsonl"));
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode row = json.readTree(line);
      assertTrue(row.get("service").get("description").isTextual());
      assertEquals("202603", row.get("invoice").get("month").asText());
      assertTrue(row.get("credits").isArray());
      assertTrue(row.get("cost").isNumber());
    }
  }

  @Test
  void ociReportsAndCoreWeaveUsageWithItsRateCard() throws IOException {
    FocusCsv oci = FocusCsv.read(out.resolve("landing/oci/reports/cost-csv/cost-2026-02.csv.gz"));
    assertTrue(oci.header().contains("cost/myCost"));
    assertTrue(oci.header().stream().anyMatch(h -> h.startsWith("tags/")));
    Map<String, List<String>> byRef = new HashMap<>();
    oci.rows().forEach(r -> byRef.put(oci.get(r, "lineItem/referenceNo"), r));
    List<List<String>> corrections =
        oci.rows().stream()
            .filter(r -> "true".equals(oci.get(r, "lineItem/isCorrection")))
            .toList();
    assertEquals(2, corrections.size(), "two corrections on 2026-02-12");
    for (List<String> c : corrections) {
      List<String> original = byRef.get(oci.get(c, "lineItem/backreferenceNo"));
      assertEquals(oci.get(original, "product/resourceId"), oci.get(c, "product/resourceId"));
      assertEquals(
          0,
          new BigDecimal(oci.get(original, "cost/myCost"))
              .multiply(new BigDecimal("-0.25"))
              .compareTo(new BigDecimal(oci.get(c, "cost/myCost"))));
    }
    FocusCsv cw =
        FocusCsv.read(out.resolve("landing/coreweave/2026-02/coreweave-usage-2026-02.csv"));
    assertFalse(cw.header().contains("BilledCost"), "usage only");
    assertTrue(cw.header().contains("ConsumedQuantity"));
    List<String> card = Files.readAllLines(out.resolve("conf/rate-cards/coreweave-usage.csv"));
    assertEquals("sku_id,sku_price_id,unit_price,currency,valid_from", card.get(0));
    assertTrue(card.size() > 2, card.toString());

    PipelineConfig cfg = PipelineConfig.load(out.resolve("conf"));
    assertEquals(
        List.of(
            "aws-cur",
            "aws-cur2",
            "aws-focus",
            "azure-ea",
            "azure-mca",
            "gcp-billing",
            "oci-cost",
            "coreweave-usage",
            "gpu-dcgm",
            "gpu-prometheus",
            "gpu-nvidia-smi"),
        cfg.sources().stream().map(s -> s.name()).toList());
  }
}
