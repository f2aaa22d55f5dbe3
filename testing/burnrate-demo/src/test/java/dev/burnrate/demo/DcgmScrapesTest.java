package dev.burnrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DcgmScrapesTest {
  private static final Path OUT = GeneratedSample.out();

  // Prometheus text exposition format 0.0.4
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^("
              + NAME
              + ")(\\{(?:"
              + LABEL
              + ")(?:,"
              + LABEL
              + ")*,?\\})? ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Inf)) (-?[0-9]+)$");
  private static final Pattern HELP = Pattern.compile("^# HELP " + NAME + " .*$");
  private static final Pattern TYPE =
      Pattern.compile("^# TYPE " + NAME + " (counter|gauge|histogram|summary|untyped)$");
  private static final Pattern LABEL_PAIR =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  @Test
  void everyLineIsPrometheusTextAndTheValuesAreSane() throws IOException {
    Path root = OUT.resolve("landing/telemetry/dcgm");
    List<Path> files = GeneratorTest.files(root);
    Totals.Gpu gpu = GeneratedSample.totals().gpu();
    assertEquals(gpu.telemetryFiles(), files.size());
    assertEquals(40, files.size(), "40 nodes, one without telemetry, and a host on no bill");
    long samples = 0;
    int xids = 0;
    int withHelp = 0;
    Map<String, Double> lastEnergy = new HashMap<>();
    Map<String, double[]> utilByHost = new HashMap<>();
    Set<String> hosts = new HashSet<>();
    for (Path rel : files) {
      String slug = rel.getName(0).toString();
      String name = rel.getFileName().toString();
      Matcher fm = Pattern.compile("(.+)-(\\d{4}-\\d\\d-\\d\\d)\\.prom").matcher(name);
      assertTrue(fm.matches(), name);
      String host = fm.group(1);
      hosts.add(slug + "/" + host);
      long dayStart =
          LocalDate.parse(fm.group(2)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      boolean help = false;
      double[] util = new double[2];
      for (String line : Files.readAllLines(root.resolve(rel))) {
        if (line.startsWith("# HELP")) {
          assertTrue(HELP.matcher(line).matches(), line);
          help = true;
          continue;
        }
        if (line.startsWith("# TYPE")) {
          assertTrue(TYPE.matcher(line).matches(), line);
          continue;
        }
        Matcher m = SAMPLE.matcher(line);
        assertTrue(m.matches(), rel + ": " + line);
        samples++;
        long ts = Long.parseLong(m.group(4));
        assertTrue(ts >= dayStart && ts < dayStart + 86_400_000L, line);
        Map<String, String> labels = new HashMap<>();
        Matcher lm = LABEL_PAIR.matcher(m.group(2));
        while (lm.find()) {
          labels.put(lm.group(1), lm.group(2));
        }
        assertEquals(host, labels.get("Hostname"));
        assertTrue(
            labels
                .get("UUID")
                .matches("GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("nvidia" + labels.get("gpu"), labels.get("device"));
        assertNotNull(labels.get("modelName"));
        double v = Double.parseDouble(m.group(3));
        switch (m.group(1)) {
          case "DCGM_FI_DEV_GPU_UTIL" -> {
            assertTrue(v >= 0 && v <= 100 && v == Math.rint(v), line);
            util[0] += v;
            util[1]++;
          }
          case "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE" ->
              assertTrue(v >= 0 && v <= 1, line);
          case "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" -> {
            Double prev = lastEnergy.put(labels.get("UUID"), v);
            assertTrue(prev == null || v > prev, "energy counter is monotonic: " + line);
          }
          case "DCGM_FI_DEV_XID_ERRORS" -> {
            if (v != 0) {
              assertEquals(79, v);
              xids++;
            }
          }
          case "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE" ->
              assertTrue(v >= 0, line);
          default -> throw new AssertionError("unexpected metric " + line);
        }
        if (slug.equals("coreweave") && !gpu.idleHosts().contains(host)) {
          assertNotNull(labels.get("pod"), line);
          assertNotNull(labels.get("namespace"), line);
        }
      }
      if (help) {
        withHelp++;
      }
      utilByHost.put(host, util);
    }
    assertEquals(gpu.samples(), samples);
    assertEquals(1, xids, "one XID 79");
    assertTrue(withHelp > 0 && withHelp < files.size(), "some hosts write HELP/TYPE, some not");
    for (String idle : gpu.idleHosts()) {
      double[] u = utilByHost.get(idle);
      assertTrue(u[0] / u[1] < 5, idle + " is mostly idle");
    }
    double busy = utilByHost.get("a3-train-001")[0] / utilByHost.get("a3-train-001")[1];
    assertTrue(busy > 60, "a training node is busy: " + busy);

    // every host but the unbilled one is a node whose resource is on its provider's bill (the
    // bill names it as each provider does: the warehouse matches them, fct_gpu_hourly), and the
    // silent node sends nothing
    Fleet fleet = FleetCatalog.build(1, GeneratedSample.SEED);
    Map<String, Fleet.Node> nodes = new HashMap<>();
    fleet.providers().forEach(p -> p.nodes().forEach(n -> nodes.put(n.hostname(), n)));
    assertEquals(List.of(FleetCatalog.UNBILLED_HOST), gpu.unbilledHosts());
    for (String slugHost : hosts) {
      String slug = slugHost.substring(0, slugHost.indexOf('/'));
      String host = slugHost.substring(slug.length() + 1);
      if (gpu.unbilledHosts().contains(host)) {
        assertFalse(nodes.containsKey(host), host);
        continue;
      }
      assertTrue(
          billedResources(slug).contains(nodes.get(host).resourceId()),
          slugHost + " is not on the bill");
    }
    for (String silent : gpu.noTelemetryHosts()) {
      assertTrue(billedResources("aws").contains(nodes.get(silent).resourceId()));
      assertFalse(hosts.contains("aws/" + silent));
    }
  }

  private static final Map<String, Set<String>> BILLED = new HashMap<>();

  private static Set<String> billedResources(String slug) throws IOException {
    if (!BILLED.containsKey(slug)) {
      Set<String> names = new HashSet<>();
      for (Path f : GeneratorTest.files(OUT.resolve("landing/focus").resolve(slug))) {
        FocusCsv csv = FocusCsv.read(OUT.resolve("landing/focus").resolve(slug).resolve(f));
        csv.rows().forEach(r -> names.add(csv.get(r, "ResourceId")));
      }
      BILLED.put(slug, names);
    }
    return BILLED.get(slug);
  }
}
