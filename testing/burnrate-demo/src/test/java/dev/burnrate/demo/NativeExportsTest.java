package dev.burnrate.demo;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native exports of the generated sample (January = CUR 2.0, February = legacy CUR and restated
 * as a new assembly, March = AWS FOCUS; GCP CSV shards then JSON lines): where each file lies, the
 * manifests beside them and the quirks of each format. That they map back to the generator's totals
 * is {@link GeneratedBillsIngestTest}'s job.
 */
class NativeExportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void awsDeliversPartsWithManifestsThatListExactlyThem() throws IOException {
    Map<String, List<String>> bySourceMonth = partsBySourceMonth(totals.finalTotals());
    // February: a legacy CUR assembly, re-delivered; March: FOCUS (10 days, so its one part);
    // January: Athena Parquet, and December CUR 2.0 (below, a longer window)
    List<String> feb = bySourceMonth.get("aws-cur|2026-02");
    assertTrue(feb.size() >= 2, "a full month is split into parts: " + feb);
    String period = "landing/aws/cur/meridian-cur/20260201-20260301/";
    JsonNode cur =
        JSON.readTree(out.resolve("restated/" + period + "meridian-cur-Manifest.json").toFile());
    String assembly = cur.get("assemblyId").asText();
    List<String> want = new ArrayList<>();
    for (int i = 1; i <= feb.size(); i++) {
      want.add(period + assembly + "/meridian-cur-" + i + ".csv.gz");
    }
    assertEquals(want, feb, "the current delivery's parts are the new assembly's");
    assertEquals(keys(feb), strings(cur.get("reportKeys")));
    assertEquals("20260201T000000.000Z", cur.get("billingPeriod").get("start").asText());
    assertEquals("20260301T000000.000Z", cur.get("billingPeriod").get("end").asText());

    assertEquals(
        List.of(
            "landing/aws/focus/meridian-focus/data/BILLING_PERIOD=2026-03/"
                + "meridian-focus-00001.csv.gz"),
        bySourceMonth.get("aws-focus|2026-03"));
    assertTrue(
        Files.exists(
            out.resolve(
                "landing/aws/focus/meridian-focus/metadata/BILLING_PERIOD=2026-03/"
                    + "meridian-focus-Manifest.json")));
  }

  @Test
  void theRestatementIsANewAssemblyTheOldOneStays() throws IOException {
    Totals.Restatement r = totals.restatement();
    assertEquals("2026-02", r.billingPeriod());
    assertTrue(r.files().size() >= 2 && r.restatedFiles().size() >= 2, r.toString());
    for (String f : r.files()) {
      assertTrue(Files.exists(out.resolve(f)), "the first assembly stays: " + f);
      assertFalse(r.restatedFiles().contains("restated/" + f), "a new assembly folder: " + f);
    }
    String firstAssembly = Path.of(r.files().get(0)).getParent().getFileName().toString();
    String newAssembly = Path.of(r.restatedFiles().get(0)).getParent().getFileName().toString();
    assertFalse(firstAssembly.equals(newAssembly));
    String manifest = "landing/aws/cur/meridian-cur/20260201-20260301/meridian-cur-Manifest.json";
    assertEquals(
        firstAssembly, JSON.readTree(out.resolve(manifest).toFile()).get("assemblyId").asText());
    assertEquals(
        newAssembly,
        JSON.readTree(out.resolve("restated/" + manifest).toFile()).get("assemblyId").asText());
    // the initial snapshot lists the first assembly, the final one the new assembly
    assertEquals(r.files(), partsBySourceMonth(totals.initial()).get("aws-cur|2026-02"));
    BigDecimal before = billed(totals.initial(), "aws-cur", "2026-02");
    BigDecimal after = billed(totals.finalTotals(), "aws-cur", "2026-02");
    assertEquals(0, after.subtract(before).compareTo(r.billedCostDelta()));
    // each part's cost is what its rows say
    for (Totals.FileTotal f : totals.finalTotals().files()) {
      if (f.source().equals("aws-cur")) {
        Path file = out.resolve(f.path());
        Path re = out.resolve("restated").resolve(f.path());
        FocusCsv csv = FocusCsv.read(Files.exists(re) ? re : file);
        assertEquals(f.rows(), csv.rows().size(), f.path());
        assertEquals(
            0,
            sum(csv, "lineItem/UnblendedCost").compareTo(f.currencies().get(0).billedCost()),
            f.path());
      }
    }
  }

  @Test
  void azureRunsCarryAManifestOfTheirParts() throws IOException {
    Map<String, List<String>> parts = partsBySourceMonth(totals.finalTotals());
    for (String source : List.of("azure-ea", "azure-mca")) {
      for (String month : List.of("2026-01", "2026-02", "2026-03")) {
        List<String> files = parts.get(source + "|" + month);
        Path run = out.resolve(files.get(0)).getParent();
        JsonNode m = JSON.readTree(run.resolve("manifest.json").toFile());
        List<String> blobs = new ArrayList<>();
        long rows = 0;
        for (JsonNode b : m.get("blobs")) {
          blobs.add(b.get("blobName").asText());
          rows += b.get("dataRowCount").asLong();
        }
        assertEquals(keys(files), blobs, source + " " + month);
        assertEquals(run.getFileName().toString(), m.get("runInfo").get("runId").asText());
        long want =
            totals.finalTotals().files().stream()
                .filter(f -> files.contains(f.path()))
                .mapToLong(Totals.FileTotal::rows)
                .sum();
        assertEquals(want, rows);
        boolean single = source.equals("azure-mca") && month.equals("2026-01");
        assertEquals(!single, m.get("deliveryConfig").get("partitionData").asBoolean());
        if (single) {
          assertEquals(1, files.size());
          assertTrue(files.get(0).endsWith("_" + run.getFileName() + ".csv.gz"), files.get(0));
        } else {
          assertTrue(
              files
                  .get(0)
                  .endsWith("/part_0_0001" + (source.equals("azure-ea") ? ".csv" : ".csv.gz")),
              files.get(0));
        }
      }
    }
    assertTrue(parts.get("azure-ea|2026-02").size() >= 2, "February is partitioned");
  }

  @Test
  void ociReportsAreSixHourlyIncrementsThatCoverTheMonthOnce() throws IOException {
    List<Totals.FileTotal> feb =
        totals.finalTotals().files().stream()
            .filter(f -> f.source().equals("oci-cost") && f.billingPeriod().equals("2026-02"))
            .toList();
    Set<String> refs = new TreeSet<>();
    Map<String, String> nodeSlices = new HashMap<>();
    long rows = 0;
    boolean split = false;
    for (Totals.FileTotal f : feb) {
      String name = Path.of(f.path()).getFileName().toString();
      assertTrue(name.matches("\\d{16}-\\d{5}\\.csv\\.gz"), name);
      split |= !name.endsWith("-00001.csv.gz");
      FocusCsv csv = FocusCsv.read(out.resolve(f.path()));
      assertEquals(f.rows(), csv.rows().size());
      for (List<String> r : csv.rows()) {
        assertTrue(refs.add(csv.get(r, "lineItem/referenceNo")), "a line is in one report only");
        if ("Compute".equals(csv.get(r, "product/service"))
            && "false".equals(csv.get(r, "lineItem/isCorrection"))) {
          String key = csv.get(r, "product/resourceId") + csv.get(r, "lineItem/intervalUsageStart");
          // a report holds the six hours its number says
          assertEquals(null, nodeSlices.put(key, name.substring(0, 16)), key);
          assertEquals("24", csv.get(r, "usage/billedQuantity"), "4 GPUs x 6 hours");
          assertEquals("GPU Per Hour", csv.get(r, "cost/skuUnitDescription"));
          assertEquals(
              0,
              new BigDecimal(csv.get(r, "usage/billedQuantity"))
                  .multiply(new BigDecimal(csv.get(r, "cost/unitPrice")))
                  .compareTo(new BigDecimal(csv.get(r, "cost/myCost"))));
        }
      }
      rows += f.rows();
    }
    assertTrue(split, "some report is split at the row limit");
    assertEquals(4 * 4 * 28, nodeSlices.size(), "4 nodes x 4 slices x 28 days, once each");
    assertEquals(
        totals.finalTotals().providers().stream()
            .filter(p -> p.provider().equals("Oracle"))
            .findFirst()
            .orElseThrow()
            .rows(),
        totals.finalTotals().files().stream()
            .filter(f -> f.source().equals("oci-cost"))
            .mapToLong(Totals.FileTotal::rows)
            .sum());
    assertTrue(rows > 0);
  }

  @Test
  void gcpBillsGpusInSecondsApartFromCoresAndRamAndExtractsShards() throws IOException {
    List<String> shards = partsBySourceMonth(totals.finalTotals()).get("gcp-billing|2026-02");
    assertTrue(shards.size() >= 2, shards.toString());
    for (int i = 0; i < shards.size(); i++) {
      assertEquals(String.format("landing/gcp/billing-export-2026-02-%012d.csv", i), shards.get(i));
    }
    FocusCsv csv = FocusCsv.read(out.resolve(shards.get(0)));
    Map<String, Set<String>> skusByVm = new HashMap<>();
    int gpuRows = 0;
    for (List<String> r : csv.rows()) {
      String sku = csv.get(r, "sku.description");
      if (sku.startsWith("Nvidia H100 80GB GPU running in Americas")) {
        gpuRows++;
        assertEquals("seconds", csv.get(r, "usage.unit"));
        assertEquals("hour", csv.get(r, "usage.pricing_unit"));
        assertEquals(
            0, new BigDecimal(csv.get(r, "usage.amount")).compareTo(BigDecimal.valueOf(8 * 86400)));
        assertEquals(
            0,
            new BigDecimal(csv.get(r, "usage.amount_in_pricing_units"))
                .compareTo(BigDecimal.valueOf(8 * 24)));
      }
      if (csv.get(r, "system_labels").contains("a3-highgpu-8g")) {
        skusByVm.computeIfAbsent(csv.get(r, "resource.name"), k -> new TreeSet<>()).add(sku);
      }
    }
    assertTrue(gpuRows > 0);
    for (Set<String> skus : skusByVm.values()) {
      assertEquals(
          Set.of(
              "A3 Instance Core running in Americas",
              "A3 Instance Ram running in Americas",
              "Nvidia H100 80GB GPU running in Americas"),
          skus);
    }
  }

  @Test
  void oneAwsMonthIsAthenaParquetAndTheOneBeforeCur2(@TempDir Path tmp) throws IOException {
    // 70 days ending 2026-03-10: January is the third month from the newest, December the fourth
    Totals t = Generator.generate(new Generator.Options(tmp, 1, 7, GeneratedSample.END, 70, 0));
    Map<String, List<String>> bySourceMonth = partsBySourceMonth(t.finalTotals());
    List<String> dec = bySourceMonth.get("aws-cur2|2025-12");
    JsonNode cur2 =
        JSON.readTree(
            tmp.resolve(
                    "landing/aws/cur2/meridian-cur2/metadata/BILLING_PERIOD=2025-12/"
                        + "meridian-cur2-Manifest.json")
                .toFile());
    List<String> uris = new ArrayList<>();
    for (String k : keys(dec)) {
      uris.add("s3://" + ProviderLayouts.BUCKET + "/" + k);
    }
    assertEquals(uris, strings(cur2.get("dataFiles")));
    assertTrue(cur2.get("executionId").isTextual());
    List<Totals.FileTotal> jan =
        t.finalTotals().files().stream().filter(f -> f.source().equals("aws-cur-athena")).toList();
    assertFalse(jan.isEmpty());
    for (Totals.FileTotal f : jan) {
      assertEquals("2026-01", f.billingPeriod());
      assertTrue(
          f.path()
              .matches(
                  "landing/aws/athena/meridian-athena/meridian-athena/year=2026/month=1/"
                      + "meridian-athena-\\d{5}\\.snappy\\.parquet"),
          f.path());
      double cost = 0;
      long rows = 0;
      try (ParquetFileReader r =
          ParquetFileReader.open(new LocalInputFile(tmp.resolve(f.path())))) {
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        assertEquals(
            PrimitiveTypeName.DOUBLE,
            schema.getType("line_item_unblended_cost").asPrimitiveType().getPrimitiveTypeName());
        assertTrue(
            schema.getType("bill_billing_period_start_date").getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation);
        assertTrue(schema.containsField("resource_tags_user_team"));
        assertFalse(schema.containsField("product"), "flat columns, no CUR 2.0 map");
        for (PageReadStore pages = r.readNextRowGroup();
            pages != null;
            pages = r.readNextRowGroup()) {
          RecordReader<Group> records =
              new ColumnIOFactory()
                  .getColumnIO(schema)
                  .getRecordReader(pages, new GroupRecordConverter(schema));
          for (long i = 0; i < pages.getRowCount(); i++) {
            cost += records.read().getDouble("line_item_unblended_cost", 0);
            rows++;
          }
        }
      }
      assertEquals(f.rows(), rows);
      assertEquals(f.currencies().get(0).billedCost().doubleValue(), cost, 1e-6);
    }
  }

  private static Map<String, List<String>> partsBySourceMonth(Totals.Snapshot s) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Totals.FileTotal f : s.files()) {
      out.computeIfAbsent(f.source() + "|" + f.billingPeriod(), k -> new ArrayList<>())
          .add(f.path());
    }
    return out;
  }

  private static BigDecimal billed(Totals.Snapshot s, String source, String month) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Totals.FileTotal f : s.files()) {
      if (f.source().equals(source) && f.billingPeriod().equals(month)) {
        sum = sum.add(f.currencies().get(0).billedCost());
      }
    }
    return sum;
  }

  private static BigDecimal sum(FocusCsv csv, String column) {
    BigDecimal sum = BigDecimal.ZERO;
    for (List<String> r : csv.rows()) {
      sum = sum.add(new BigDecimal(csv.get(r, column)));
    }
    return sum;
  }

  private static List<String> keys(List<String> paths) {
    return paths.stream().map(p -> p.substring("landing/".length())).toList();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void azureEaHasABomAndUsDatesMcaIsCamelCase() throws IOException {
    List<Path> files = GeneratorTest.files(out.resolve("landing/azure"));
    Path ea =
        out.resolve("landing/azure")
            .resolve(
                files.stream()
                    .filter(f -> f.startsWith("ea") && f.toString().endsWith(".csv"))
                    .findFirst()
                    .orElseThrow());
    byte[] bytes = Files.readAllBytes(ea);
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "CRLF");
    FocusCsv eaCsv = FocusCsv.read(ea);
    assertTrue(eaCsv.header().contains("AccountOwnerId"), "EA's enrollment column");
    assertTrue(eaCsv.get(eaCsv.rows().get(0), "Date").matches("\\d{1,2}/\\d{1,2}/2026"));
    Path mca =
        out.resolve("landing/azure")
            .resolve(
                files.stream()
                    .filter(f -> f.startsWith("mca") && f.toString().endsWith(".csv.gz"))
                    .findFirst()
                    .orElseThrow());
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
    List<List<String>> rows = new ArrayList<>();
    FocusCsv csv = null;
    for (String shard : partsBySourceMonth(totals.finalTotals()).get("gcp-billing|2026-02")) {
      csv = FocusCsv.read(out.resolve(shard));
      rows.addAll(csv.rows());
    }
    FocusCsv all = new FocusCsv(csv.header(), rows, "");
    long withCredits =
        rows.stream().filter(r -> all.get(r, "credits").contains("\"PROMOTION\"")).count();
    assertEquals(1, withCredits, "the month's promotional credit rides on one usage row");
    long committed =
        rows.stream()
            .filter(r -> all.get(r, "credits").contains("\"COMMITTED_USAGE_DISCOUNT\""))
            .count();
    assertEquals(3 * 2 * 28, committed, "the CUD's credit on each inference VM's 3 SKUs a day");
    // the CUD's fees name what its credits cover: the A4's B200 GPUs, vCPUs and memory, us-east5
    Map<String, Long> fees = new TreeMap<>();
    for (List<String> r : rows) {
      if (all.get(r, "sku.description").startsWith("Commitment v1: ")) {
        assertEquals("us-east5", all.get(r, "location.region"));
        fees.merge(all.get(r, "sku.description"), 1L, Long::sum);
      }
    }
    assertEquals(
        Map.of(
            "Commitment v1: A4 Cpu in Americas for 1 Year", 28L,
            "Commitment v1: A4 Ram in Americas for 1 Year", 28L,
            "Commitment v1: Nvidia B200 GPU running in Americas for 1 Year", 28L),
        fees);
    assertTrue(
        rows.stream().anyMatch(r -> all.get(r, "credits").contains("\"SUSTAINED_USAGE_DISCOUNT\"")),
        "the VMs no CUD covers carry a sustained use discount");
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
    List<List<String>> ociRows = new ArrayList<>();
    FocusCsv report = null;
    for (Totals.FileTotal f : totals.finalTotals().files()) {
      if (f.source().equals("oci-cost") && f.billingPeriod().equals("2026-02")) {
        report = FocusCsv.read(out.resolve(f.path()));
        ociRows.addAll(report.rows());
      }
    }
    FocusCsv oci = new FocusCsv(report.header(), ociRows, "");
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
            "aws-cur-athena",
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
