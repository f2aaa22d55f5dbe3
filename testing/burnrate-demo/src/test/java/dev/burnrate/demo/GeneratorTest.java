package dev.burnrate.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.core.focus.Providers;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  private static final Path OUT = GeneratedSample.out();
  private static final Totals TOTALS = GeneratedSample.totals();

  @Test
  void sameOptionsGiveIdenticalBytes(@TempDir Path tmp) throws IOException {
    Path again = tmp.resolve("again");
    Generator.generate(GeneratedSample.options(again));
    List<Path> first = files(OUT);
    List<Path> second = files(again);
    assertEquals(first, second);
    for (Path rel : first) {
      assertArrayEquals(
          Files.readAllBytes(OUT.resolve(rel)),
          Files.readAllBytes(again.resolve(rel)),
          rel.toString());
    }
  }

  @Test
  void totalsEqualTheSumsOfTheWrittenFiles() throws IOException {
    checkSnapshot(TOTALS.initial(), false);
    checkSnapshot(TOTALS.finalTotals(), true);
    // the file on disk says the same as the returned record
    assertEquals(TOTALS, Totals.read(OUT.resolve(Totals.FILE)));
    JsonNode json = new ObjectMapper().readTree(OUT.resolve(Totals.FILE).toFile());
    assertTrue(json.at("/final/providers/0/billed_cost").isTextual(), "amounts are strings");
  }

  private void checkSnapshot(Totals.Snapshot snap, boolean restated) throws IOException {
    Map<String, BigDecimal[]> byProvider = new TreeMap<>();
    Map<String, Long> rowsByProvider = new TreeMap<>();
    Map<String, BigDecimal> gpuHours = new HashMap<>();
    assertEquals(5 * 3, snap.files().size(), "5 providers x 3 billing months");
    for (Totals.FileTotal f : snap.files()) {
      Path file = OUT.resolve(f.path());
      Path re = OUT.resolve("restated").resolve(f.path());
      if (restated && Files.exists(re)) {
        file = re;
      }
      FocusCsv csv = FocusCsv.read(file);
      Map<String, BigDecimal[]> sums = new TreeMap<>();
      Map<String, Long> rows = new TreeMap<>();
      BigDecimal hours = BigDecimal.ZERO;
      for (List<String> row : csv.rows()) {
        String provider = csv.get(row, "ProviderName");
        String currency = csv.get(row, "BillingCurrency");
        BigDecimal billed = new BigDecimal(csv.get(row, "BilledCost"));
        BigDecimal effective = new BigDecimal(csv.get(row, "EffectiveCost"));
        add(sums, currency, billed, effective);
        rows.merge(currency, 1L, Long::sum);
        add(byProvider, provider + "|" + currency, billed, effective);
        rowsByProvider.merge(provider + "|" + currency, 1L, Long::sum);
        assertEquals(f.provider(), provider);
        hours = hours.add(gpuHours(csv, row));
      }
      assertEquals(rows.values().stream().mapToLong(Long::longValue).sum(), f.rows(), f.path());
      assertEquals(0, hours.compareTo(f.gpuHours()), f.path());
      gpuHours.merge(f.provider(), hours, BigDecimal::add);
      assertEquals(sums.size(), f.currencies().size(), f.path());
      for (Totals.CurrencyTotal c : f.currencies()) {
        BigDecimal[] s = sums.get(c.billingCurrency());
        assertEquals(
            0, s[0].compareTo(c.billedCost()), f.path() + " billed " + c.billingCurrency());
        assertEquals(0, s[1].compareTo(c.effectiveCost()), f.path() + " effective");
        assertEquals(rows.get(c.billingCurrency()), c.rows(), f.path() + " rows");
      }
    }
    assertEquals(byProvider.size(), snap.providers().size());
    for (Totals.ProviderTotal p : snap.providers()) {
      String key = p.provider() + "|" + p.billingCurrency();
      assertEquals(0, byProvider.get(key)[0].compareTo(p.billedCost()), key);
      assertEquals(0, byProvider.get(key)[1].compareTo(p.effectiveCost()), key);
      assertEquals(rowsByProvider.get(key), p.rows(), key);
    }
    if (restated) {
      for (Totals.GpuProvider g : TOTALS.gpu().providers()) {
        assertEquals(0, gpuHours.get(g.provider()).compareTo(g.gpuHours()), g.provider());
      }
    }
  }

  private static final Map<String, Integer> GPUS_PER_SKU = new HashMap<>();

  static {
    for (Fleet.Provider p : FleetCatalog.build(1, 1).providers()) {
      p.nodes().forEach(n -> GPUS_PER_SKU.put(n.type().sku(), n.type().gpus()));
    }
  }

  /**
   * A FOCUS row's billed GPU-hours: a machine's instance-hours x its GPUs; Google Cloud's GPU SKU
   * row is priced in GPU-hours and its core and RAM rows bill none (a commitment fee bills no
   * usage).
   */
  static BigDecimal gpuHours(FocusCsv csv, List<String> row) {
    if (!"Usage".equals(csv.get(row, "ChargeCategory"))
        || !"Compute".equals(csv.get(row, "ServiceCategory"))
        || csv.get(row, "ConsumedQuantity") == null) {
      return BigDecimal.ZERO;
    }
    String description = csv.get(row, "ChargeDescription");
    if ("seconds".equals(csv.get(row, "ConsumedUnit"))
        || "byte-seconds".equals(csv.get(row, "ConsumedUnit"))) {
      return description.contains(" GPU running in ")
          ? new BigDecimal(csv.get(row, "PricingQuantity"))
          : BigDecimal.ZERO;
    }
    int gpus = GPUS_PER_SKU.get(csv.get(row, "SkuId"));
    return new BigDecimal(csv.get(row, "ConsumedQuantity")).multiply(BigDecimal.valueOf(gpus));
  }

  private static void add(Map<String, BigDecimal[]> m, String k, BigDecimal b, BigDecimal e) {
    BigDecimal[] s = m.computeIfAbsent(k, x -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    s[0] = s[0].add(b);
    s[1] = s[1].add(e);
  }

  @Test
  void theRestatedFileDiffersOnlyInOneDay() throws IOException {
    Totals.Restatement r = TOTALS.restatement();
    assertNotNull(r);
    assertEquals("2026-02", r.billingPeriod());
    // the FOCUS output overwrites its one file in place
    assertEquals(List.of("restated/" + r.files().get(0)), r.restatedFiles());
    FocusCsv before = FocusCsv.read(OUT.resolve(r.files().get(0)));
    FocusCsv after = FocusCsv.read(OUT.resolve(r.restatedFiles().get(0)));
    assertEquals(before.header(), after.header());
    Map<List<String>, Integer> diff = new HashMap<>();
    before.rows().forEach(row -> diff.merge(row, 1, Integer::sum));
    after.rows().forEach(row -> diff.merge(row, -1, Integer::sum));
    List<List<String>> changed =
        diff.entrySet().stream().filter(e -> e.getValue() != 0).map(Map.Entry::getKey).toList();
    assertFalse(changed.isEmpty());
    int start = before.col("ChargePeriodStart");
    for (List<String> row : changed) {
      assertEquals(r.day() + "T00:00:00Z", row.get(start), "changed row outside the restated day");
    }
    // and the rows of the other days are in the same order
    assertEquals(
        before.rows().stream().filter(x -> !changed.contains(x)).toList(),
        after.rows().stream().filter(x -> !changed.contains(x)).toList());
    assertEquals(after.rows().size() - before.rows().size(), r.rowsDelta());
    assertTrue(r.billedCostDelta().signum() < 0);
  }

  @Test
  void eachProviderHasItsQuirks() throws IOException {
    Set<String> focus = FocusColumns.ALL.stream().map(c -> c.name()).collect(Collectors.toSet());
    Path landing = OUT.resolve("landing/focus");
    Path aws = landing.resolve("aws/2026-02/aws-focus-2026-02.csv.gz");
    byte[] gz = Files.readAllBytes(aws);
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
    FocusCsv awsCsv = FocusCsv.read(aws);
    assertTrue(awsCsv.header().containsAll(List.of("InvoiceId", "PricingCurrency")), "FOCUS 1.2");

    Path azure = landing.resolve("azure/2026-02/azure-focus-2026-02.csv");
    byte[] az = Files.readAllBytes(azure);
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(az, 3));
    String azText = new String(az, StandardCharsets.UTF_8);
    assertEquals(
        azText.split("\n", -1).length - 1, azText.split("\r\n", -1).length - 1, "CRLF only");
    FocusCsv azCsv = FocusCsv.read(azure);
    for (String c : azCsv.header()) {
      String since = FocusColumns.byName(c).orElseThrow().since();
      assertTrue(since.equals("0.5") || since.equals("1.0"), c + " is not a FOCUS 1.0 column");
    }
    Set<String> currencies = new TreeSet<>();
    azCsv.rows().forEach(row -> currencies.add(azCsv.get(row, "BillingCurrency")));
    assertEquals(Set.of("EUR", "USD"), currencies);

    String gcp = Files.readString(landing.resolve("gcp/2026-02/gcp-focus-2026-02.csv"));
    assertTrue(gcp.contains(",NULL,"));
    assertFalse(gcp.contains(",,"), "Google Cloud writes NULL, never an empty field");

    FocusCsv oci = FocusCsv.read(landing.resolve("oci/2026-02/oci-focus-2026-02.csv"));
    for (List<String> row : oci.rows()) {
      assertTrue(
          oci.get(row, "ChargePeriodStart").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    }

    FocusCsv cw = FocusCsv.read(landing.resolve("coreweave/2026-02/coreweave-focus-2026-02.csv"));
    assertTrue(cw.header().containsAll(List.of("ServiceProviderName", "HostProviderName")));

    // the GCP list price changes on the 15th
    FocusCsv gcpCsv = FocusCsv.read(landing.resolve("gcp/2026-02/gcp-focus-2026-02.csv"));
    Set<String> before = new TreeSet<>();
    Set<String> after = new TreeSet<>();
    for (List<String> row : gcpCsv.rows()) {
      if ("a3-highgpu-8g".equals(gcpCsv.get(row, "SkuId"))
          && "Usage".equals(gcpCsv.get(row, "ChargeCategory"))
          && gcpCsv.get(row, "ChargeDescription").startsWith("Nvidia H100")) {
        String day = gcpCsv.get(row, "ChargePeriodStart").substring(0, 10);
        (day.compareTo("2026-02-15") < 0 ? before : after).add(gcpCsv.get(row, "ListUnitPrice"));
      }
    }
    assertEquals(1, before.size());
    assertEquals(1, after.size());
    assertFalse(before.equals(after));

    int untagged = 0;
    int mixedCase = 0;
    ObjectMapper json = new ObjectMapper();
    for (Path f : files(landing)) {
      FocusCsv csv = FocusCsv.read(landing.resolve(f));
      assertTrue(focus.containsAll(csv.header()), f + ": " + csv.header());
      for (List<String> row : csv.rows()) {
        assertTrue(Providers.isKnown(csv.get(row, "ProviderName")));
        LocalDate day = LocalDate.parse(csv.get(row, "ChargePeriodStart").substring(0, 10));
        assertFalse(
            day.isBefore(GeneratedSample.END.minusDays(GeneratedSample.DAYS - 1)), f.toString());
        assertFalse(day.isAfter(GeneratedSample.END), f.toString());
        String tags = csv.get(row, "Tags");
        if ("Compute".equals(csv.get(row, "ServiceCategory"))
            && "Usage".equals(csv.get(row, "ChargeCategory"))) {
          if (tags == null) {
            untagged++;
          } else {
            JsonNode t = json.readTree(tags);
            assertTrue(t.isObject());
            if (t.has("Team")) {
              mixedCase++;
            }
          }
        }
      }
    }
    assertTrue(untagged > 0);
    assertTrue(mixedCase > 0);
  }

  @Test
  void confLoadsThroughCore() throws IOException {
    Path conf = OUT.resolve("conf");
    PipelineConfig pipeline = PipelineConfig.load(conf);
    assertEquals("USD", pipeline.reportingCurrency());
    assertEquals(OUT.toAbsolutePath().normalize(), pipeline.dataDir());
    assertEquals(
        List.of(
            "aws-focus",
            "azure-focus",
            "gcp-focus",
            "oci-focus",
            "coreweave-focus",
            "gpu-dcgm",
            "gpu-prometheus",
            "gpu-nvidia-smi"),
        pipeline.sources().stream().map(s -> s.name()).toList());
    assertEquals("local[*]", pipeline.spark().master());

    ContractsConfig contracts = ContractsConfig.load(conf.resolve("contracts.yaml"));
    LocalDate start = GeneratedSample.END.minusDays(GeneratedSample.DAYS - 1);
    var aws =
        contracts.contracts().stream()
            .filter(c -> c.provider().equals("AWS"))
            .findFirst()
            .orElseThrow();
    assertEquals(7, aws.commitments().size());
    var y1 = aws.commitments().get(0).period();
    assertTrue(
        y1.start().isAfter(start) && !y1.start().isAfter(GeneratedSample.END), y1.toString());
    for (int i = 1; i < 7; i++) {
      assertTrue(
          aws.commitments().get(i).amount().compareTo(aws.commitments().get(i - 1).amount()) > 0);
    }
    var azure =
        contracts.contracts().stream()
            .filter(c -> c.provider().equals("Microsoft"))
            .findFirst()
            .orElseThrow();
    FocusCsv az = FocusCsv.read(OUT.resolve("landing/focus/azure/2026-02/azure-focus-2026-02.csv"));
    String usdAccount =
        az.rows().stream()
            .filter(r -> "USD".equals(az.get(r, "BillingCurrency")))
            .map(r -> az.get(r, "BillingAccountId"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(usdAccount), azure.billingAccounts());
    var cw =
        contracts.contracts().stream()
            .filter(c -> c.provider().equals("CoreWeave"))
            .findFirst()
            .orElseThrow();
    assertEquals("Usage", cw.commitments().get(0).category());
    assertEquals("GPU-hours", cw.commitments().get(0).unit());
    assertEquals(
        0,
        new BigDecimal("2.85").compareTo(cw.usageRate(cw.commitments().get(0))),
        "the contract's GPU-hour price values CoreWeave's shortfall");
    assertTrue(
        contracts.contracts().stream()
            .flatMap(c -> c.commitments().stream())
            .anyMatch(m -> m.period().start().getDayOfMonth() == 15),
        "one commitment starts mid-month");

    List<String> fx = Files.readAllLines(conf.resolve("fx-rates.csv"));
    assertEquals("currency,valid_from,rate_to_reporting", fx.get(0));
    List<LocalDate> eur =
        fx.stream()
            .filter(l -> l.startsWith("EUR,"))
            .map(l -> LocalDate.parse(l.split(",")[1]))
            .toList();
    assertEquals(2, eur.size());
    assertTrue(eur.get(0).isBefore(start));
    assertTrue(eur.get(1).isAfter(start) && !eur.get(1).isAfter(GeneratedSample.END));
    assertTrue(fx.contains("USD," + eur.get(0) + ",1.0"));
  }

  @Test
  void aTinyWindowStillMakesAConsistentDataSet(@TempDir Path tmp) throws IOException {
    // three days across a month end: the restated day is also the closed month's tax day
    Path out = tmp.resolve("tiny");
    Totals t =
        Generator.generate(new Generator.Options(out, 1, 42, LocalDate.of(2026, 3, 2), 3, 0));
    for (String f : t.restatement().files()) {
      assertTrue(Files.exists(out.resolve(f)), f);
      assertTrue(f.startsWith("landing/aws/cur/"), "February is a legacy CUR: " + f);
    }
    assertEquals(LocalDate.of(2026, 2, 28), t.restatement().day());
    assertEquals(0, t.gpu().telemetryFiles());
    assertFalse(Files.exists(out.resolve("landing/telemetry")));
    PipelineConfig.load(out.resolve("conf"));
    ContractsConfig.load(out.resolve("conf/contracts.yaml"));
    // regenerating into the same folder replaces the earlier output
    Generator.generate(new Generator.Options(out, 1, 42, LocalDate.of(2026, 3, 20), 3, 0));
    assertEquals(
        List.of(
            Path.of("focus/meridian-focus/data/BILLING_PERIOD=2026-03/meridian-focus-00001.csv.gz"),
            Path.of(
                "focus/meridian-focus/metadata/BILLING_PERIOD=2026-03/meridian-focus-Manifest.json")),
        files(out.resolve("landing/aws/")));
    assertFalse(Files.exists(out.resolve("restated")));
  }

  /**
   * A ramp bills the on-demand nodes from their join day only: each provider bills fewer GPU-hours
   * than the flat fleet, and the commitment-covered usage (nodes that run from the first day) is
   * the same.
   */
  @Test
  void aRampingFleetBillsOnDemandNodesFromTheirJoinDay(@TempDir Path tmp) throws IOException {
    Generator.Options flat =
        new Generator.Options(tmp.resolve("flat"), 1, 42, LocalDate.of(2026, 3, 20), 10, 0)
            .focusOnly();
    Totals flatTotals = Generator.generate(flat);
    Totals ramp =
        Generator.generate(
            new Generator.Options(tmp.resolve("ramp"), 1, 42, LocalDate.of(2026, 3, 20), 10, 0)
                .focusOnly()
                .withRampDays(9));

    assertEquals(9, ramp.options().rampDays());
    Map<String, BigDecimal> flatHours = new TreeMap<>();
    flatTotals.gpu().providers().forEach(p -> flatHours.put(p.provider(), p.gpuHours()));
    for (Totals.GpuProvider p : ramp.gpu().providers()) {
      assertTrue(p.gpuHours().signum() > 0, p.provider());
      assertTrue(
          p.gpuHours().compareTo(flatHours.get(p.provider())) < 0,
          p.provider() + ": " + p.gpuHours() + " vs flat " + flatHours.get(p.provider()));
    }
    assertEquals(flatTotals.finalTotals().commitments(), ramp.finalTotals().commitments());
  }

  @Test
  void badOptionsAreUsageErrors() {
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> new Generator.Options(OUT, 0, 1, GeneratedSample.END, 10, 1));
    assertEquals(2, e.exitCode());
    assertThrows(
        BurnrateException.class,
        () -> new Generator.Options(OUT, 1, 1, GeneratedSample.END, 10, 11));
    assertThrows(
        BurnrateException.class,
        () -> new Generator.Options(OUT, 1, 1, GeneratedSample.END, 10, 1).withRampDays(10));
  }

  @Test
  void scaleMultipliesTheFleet() {
    Fleet one = FleetCatalog.build(1, 42);
    Fleet three = FleetCatalog.build(3, 42);
    assertEquals(40, one.nodeCount());
    // 36 eight-GPU nodes and Oracle's four 4-GPU GB200 nodes
    assertEquals(36 * 8 + 4 * 4, one.gpuCount());
    Set<String> models = new TreeSet<>();
    one.providers().forEach(p -> p.nodes().forEach(n -> models.add(n.type().gpuModel())));
    assertEquals(4, models.size(), models.toString());
    assertEquals(120, three.nodeCount());
    for (Fleet f : List.of(one, three)) {
      List<String> hosts = new ArrayList<>();
      f.providers().forEach(p -> p.nodes().forEach(n -> hosts.add(n.hostname())));
      assertEquals(hosts.size(), Set.copyOf(hosts).size(), "host names are unique");
      for (Fleet.Provider p : f.providers()) {
        assertEquals(
            1, p.nodes().stream().filter(n -> n.workload() == Fleet.Workload.IDLE).count());
      }
      assertEquals(
          1,
          f.providers().stream()
              .flatMap(p -> p.nodes().stream())
              .filter(n -> !n.telemetry())
              .count());
    }
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
