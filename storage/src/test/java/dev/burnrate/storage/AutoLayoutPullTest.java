package dev.burnrate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.PullPlan;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.demo.s3.LocalS3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default layout, {@code auto}: with no {@code storage.layout} set, each provider's layout is
 * recognised from its keys (s3proxy on 127.0.0.1).
 */
class AutoLayoutPullTest {
  static final String KEY_ID = "AKIDBURNRATEAUTO";
  static final String SECRET = "s3cr3t-Burnrate-Auto-Key-0123456789";
  static LocalS3Server server;

  @TempDir Path tmp;

  @BeforeAll
  static void startServer() {
    server = new LocalS3Server(KEY_ID, SECRET);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static Map<String, String> env() {
    return Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET);
  }

  /** One source {@code src} on {@code s3://bucket/path}; {@code storage} is its own block. */
  PipelineConfig conf(String bucket, String path, String format, Map<String, String> storage) {
    Source source = Source.of("src", format, "s3://" + bucket + "/" + path);
    return PipelineYaml.dataDir("../data")
        .storage(Map.of("endpoint", server.endpoint(), "path_style", true))
        .source(storage == null ? source : source.storage(storage))
        .load(tmp.resolve("conf"));
  }

  static void put(String bucket, String key, String content) {
    server.put(bucket, key, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path landing(PipelineConfig cfg) {
    return cfg.layout().landing().resolve("src");
  }

  /** Every landed file, relative to the source's landing folder. */
  static TreeSet<String> landed(PipelineConfig cfg) throws Exception {
    Path root = landing(cfg);
    if (!Files.exists(root)) {
      return new TreeSet<>();
    }
    try (var files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static PullResult pull(PipelineConfig cfg) {
    return PullStep.run(cfg, env()).get(0);
  }

  static String curManifest(String assembly, String... keys) {
    return "{\"assemblyId\":\""
        + assembly
        + "\",\"reportKeys\":[\""
        + String.join("\",\"", keys)
        + "\"]}";
  }

  static String dataExportsManifest(String execution, String bucket, String... keys) {
    return "{\"executionId\":\""
        + execution
        + "\",\"dataFiles\":[\"s3://"
        + bucket
        + "/"
        + String.join("\",\"s3://" + bucket + "/", keys)
        + "\"]}";
  }

  @Test
  void aCurBucketLandsOnlyTheAssemblyItsManifestNames() throws Exception {
    server.createBucket("cur-auto");
    String period = "cur/acme/20261001-20261101/";
    put("cur-auto", period + "a1/acme-1.csv.gz", "first assembly\n");
    put(
        "cur-auto",
        period + "a1/acme-Manifest.json",
        curManifest("a1", period + "a1/acme-1.csv.gz"));
    put("cur-auto", period + "a2/acme-1.csv.gz", "second assembly, part 1\n");
    put("cur-auto", period + "a2/acme-2.csv.gz", "second assembly, part 2\n");
    put(
        "cur-auto",
        period + "acme-Manifest.json",
        curManifest("a2", period + "a2/acme-1.csv.gz", period + "a2/acme-2.csv.gz"));
    PipelineConfig cfg = conf("cur-auto", "cur/**", "aws-cur", null);

    PullResult r = pull(cfg);
    assertEquals(2, r.current());
    assertEquals(
        new TreeSet<>(
            List.of(
                "acme/20261001-20261101/a2/acme-1.csv.gz",
                "acme/20261001-20261101/a2/acme-2.csv.gz")),
        landed(cfg),
        "the earlier assembly and the manifests stay out");

    // a third assembly whose manifest names a part not written yet: the period keeps a2
    put("cur-auto", period + "a3/acme-1.csv.gz", "third assembly, part 1\n");
    put(
        "cur-auto",
        period + "acme-Manifest.json",
        curManifest("a3", period + "a3/acme-1.csv.gz", period + "a3/acme-2.csv.gz"));
    PullResult held = pull(cfg);
    assertEquals(0, held.downloaded());
    assertEquals(0, held.removed());
    assertTrue(landed(cfg).contains("acme/20261001-20261101/a2/acme-2.csv.gz"));

    put("cur-auto", period + "a3/acme-2.csv.gz", "third assembly, part 2\n");
    PullResult restated = pull(cfg);
    assertEquals(1, restated.restated());
    assertEquals(2, restated.removed());
    assertEquals(
        new TreeSet<>(
            List.of(
                "acme/20261001-20261101/a3/acme-1.csv.gz",
                "acme/20261001-20261101/a3/acme-2.csv.gz")),
        landed(cfg));
  }

  @Test
  void aDataExportsPrefixLandsOnlyTheListedParts() throws Exception {
    server.createBucket("bcm-auto");
    String data = "focus/acme/data/BILLING_PERIOD=2026-10/";
    put("bcm-auto", data + "e1/acme-00001.csv.gz", "e1 part 1\n");
    put("bcm-auto", data + "e2/acme-00001.csv.gz", "e2 part 1\n");
    put("bcm-auto", data + "e2/acme-00002.csv.gz", "e2 part 2\n");
    put(
        "bcm-auto",
        "focus/acme/metadata/BILLING_PERIOD=2026-10/acme-Manifest.json",
        dataExportsManifest(
            "e2", "bcm-auto", data + "e2/acme-00001.csv.gz", data + "e2/acme-00002.csv.gz"));
    PipelineConfig cfg = conf("bcm-auto", "focus/acme/", "focus", null);

    PullResult r = pull(cfg);
    assertEquals(2, r.current());
    assertEquals(
        new TreeSet<>(
            List.of(
                "data/BILLING_PERIOD=2026-10/e2/acme-00001.csv.gz",
                "data/BILLING_PERIOD=2026-10/e2/acme-00002.csv.gz")),
        landed(cfg));
  }

  @Test
  void oneBucketPrefixHoldsACurADataExportAnAzureExportAndPlainFiles() throws Exception {
    server.createBucket("mixed");
    String cur = "billing/cur/acme/20261001-20261101/";
    put("mixed", cur + "a1/acme-1.csv.gz", "cur a1\n");
    put("mixed", cur + "a2/acme-1.csv.gz", "cur a2\n");
    put("mixed", cur + "acme-Manifest.json", curManifest("a2", cur + "a2/acme-1.csv.gz"));
    String data = "billing/focus/acme/data/BILLING_PERIOD=2026-10/";
    put("mixed", data + "old-00001.parquet", "focus old\n");
    put("mixed", data + "new-00001.parquet", "focus new\n");
    put(
        "mixed",
        "billing/focus/acme/metadata/BILLING_PERIOD=2026-10/acme-Manifest.json",
        dataExportsManifest("x2", "mixed", data + "new-00001.parquet"));
    String azure = "billing/azure/daily/20261001-20261031/";
    put("mixed", azure + "run-1/part_0_0001.csv", "azure run 1\n");
    put("mixed", azure + "run-1/manifest.json", azureManifest("run-1", "2026-10-30T02:00:00Z"));
    put("mixed", azure + "run-2/part_0_0001.csv", "azure run 2\n");
    put("mixed", azure + "run-2/manifest.json", azureManifest("run-2", "2026-10-31T02:00:00Z"));
    // a CUR period without its manifest (say, deleted by a lifecycle rule): nothing to decide by
    put("mixed", "billing/cur/acme/20260901-20261001/b1/acme-1.csv.gz", "cur september\n");
    put("mixed", "billing/gcp/extract-000000000000.csv", "gcp shard\n");
    PipelineConfig cfg = conf("mixed", "billing/**", "auto", null);

    pull(cfg);
    assertEquals(
        new TreeSet<>(
            List.of(
                "azure/daily/20261001-20261031/run-2/part_0_0001.csv",
                "cur/acme/20260901-20261001/b1/acme-1.csv.gz",
                "cur/acme/20261001-20261101/a2/acme-1.csv.gz",
                "focus/acme/data/BILLING_PERIOD=2026-10/new-00001.parquet",
                "gcp/extract-000000000000.csv")),
        landed(cfg));
  }

  @Test
  void ociReportsDeletedByTheBucketsRetentionKeepTheirLandingCopy() throws Exception {
    server.createBucket("tenancy");
    String focus = "FOCUS Reports/2026/10/01/";
    put("tenancy", focus + "202610010000_FOCUS.csv.gz", "rows of 00:00\n");
    put("tenancy", focus + "202610010600_FOCUS.csv.gz", "rows of 06:00\n");
    put("tenancy", "reports/cost-csv/0001000000000001.csv.gz", "cost report 1\n");
    put("tenancy", "notes/readme.csv", "not a report\n");
    // the whole bucket: OCI's reports are told apart by their keys
    PipelineConfig cfg = conf("tenancy", "**", "focus", null);
    pull(cfg);
    assertEquals(4, landed(cfg).size());

    server.delete("tenancy", focus + "202610010000_FOCUS.csv.gz");
    server.delete("tenancy", "reports/cost-csv/0001000000000001.csv.gz");
    server.delete("tenancy", "notes/readme.csv");
    PullResult r = pull(cfg);
    assertEquals(1, r.removed(), "only the object outside OCI's report folders leaves");
    assertEquals(
        new TreeSet<>(
            List.of(
                "FOCUS Reports/2026/10/01/202610010000_FOCUS.csv.gz",
                "FOCUS Reports/2026/10/01/202610010600_FOCUS.csv.gz",
                "reports/cost-csv/0001000000000001.csv.gz")),
        landed(cfg));
    assertEquals(
        "rows of 00:00\n",
        Files.readString(landing(cfg).resolve(focus + "202610010000_FOCUS.csv.gz")));
    assertEquals(0, pull(cfg).removed(), "and stays on the next pull");
  }

  @Test
  void anOciCostSourceKeepsDeletedReportsWhateverItsKeys() throws Exception {
    server.createBucket("oci-synced");
    put("oci-synced", "oci/cost-1.csv.gz", "report 1\n");
    put("oci-synced", "oci/cost-2.csv.gz", "report 2\n");
    PipelineConfig cfg = conf("oci-synced", "oci/", "oci-cost", null);
    pull(cfg);
    server.delete("oci-synced", "oci/cost-1.csv.gz");
    assertEquals(0, pull(cfg).removed());
    assertEquals(new TreeSet<>(List.of("cost-1.csv.gz", "cost-2.csv.gz")), landed(cfg));
  }

  @Test
  void aPlainPrefixLandsEverythingAndMirrorsDeletes() throws Exception {
    server.createBucket("plain-auto");
    put("plain-auto", "exports/2026-10/a.csv", "a\n");
    put("plain-auto", "exports/2026-10/b.csv", "b\n");
    put("plain-auto", "exports/2026-11/c.csv", "c\n");
    PipelineConfig cfg = conf("plain-auto", "exports/**", "focus", null);
    assertEquals(3, pull(cfg).downloaded());
    assertEquals(
        new TreeSet<>(List.of("2026-10/a.csv", "2026-10/b.csv", "2026-11/c.csv")), landed(cfg));

    server.delete("plain-auto", "exports/2026-10/b.csv");
    PullResult r = pull(cfg);
    assertEquals(1, r.removed());
    assertEquals(new TreeSet<>(List.of("2026-10/a.csv", "2026-11/c.csv")), landed(cfg));
  }

  @Test
  void landingCopiesAndDirectPlansCarryTheStoresLastModifiedTime() throws Exception {
    server.createBucket("times");
    put("times", "t/2026-10/a.csv", "a\n");
    put("times", "t/2026-10/b.csv", "b\n");
    Map<String, Instant> listed = new TreeMap<>();
    server
        .client()
        .listObjectsV2(b -> b.bucket("times").prefix("t/"))
        .contents()
        .forEach(o -> listed.put(o.key(), o.lastModified()));
    // so that a copy's own write time could not pass for the store's time
    Thread.sleep(1_100);
    Instant beforePull = Instant.now();

    PipelineConfig copy = conf("times", "t/", "focus", Map.of("mode", "copy"));
    pull(copy);
    for (Map.Entry<String, Instant> e : listed.entrySet()) {
      Instant landedAt =
          Files.getLastModifiedTime(landing(copy).resolve(e.getKey().substring(2))).toInstant();
      assertEquals(e.getValue(), landedAt, e.getKey());
      assertTrue(landedAt.isBefore(beforePull), e.getKey());
    }

    PipelineConfig direct = conf("times", "t/", "focus", Map.of("mode", "direct"));
    assertEquals("direct", pull(direct).mode());
    Map<String, Instant> planned = new TreeMap<>();
    PullPlan.read(direct, direct.sources().get(0))
        .objects()
        .forEach(o -> planned.put(o.uri().replace("s3a://times/", ""), o.lastModified()));
    assertEquals(listed, planned);
  }

  @Test
  void directModeRefusesOciReportsFoundUnderAWiderPrefix() throws Exception {
    server.createBucket("oci-direct");
    put("oci-direct", "FOCUS Reports/2026/10/01/r.csv.gz", "r\n");
    PipelineConfig cfg = conf("oci-direct", "**", "focus", Map.of("mode", "direct"));
    BurnrateException e = assertThrows(BurnrateException.class, () -> pull(cfg));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("source 'src'"), e.getMessage());
    assertTrue(e.getMessage().contains("FOCUS Reports/2026/10/01/r.csv.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("storage.mode: copy"), e.getMessage());
    assertFalse(Files.exists(PullPlan.file(cfg, cfg.sources().get(0))));

    BurnrateException atLoad =
        assertThrows(
            BurnrateException.class,
            () -> conf("oci-direct", "FOCUS Reports/**", "focus", Map.of("mode", "direct")));
    assertEquals(2, atLoad.exitCode(), "a path in OCI's folders is refused when it is loaded");
  }

  @Test
  void explicitLayoutsStillApplyAndAnUnknownOneListsTheValues() throws Exception {
    server.createBucket("explicit");
    String period = "cur/acme/20261001-20261101/";
    put("explicit", period + "a1/acme-1.csv.gz", "a1\n");
    put("explicit", period + "a2/acme-1.csv.gz", "a2\n");
    put("explicit", period + "acme-Manifest.json", curManifest("a2", period + "a2/acme-1.csv.gz"));
    PipelineConfig files = conf("explicit", "cur/", "aws-cur", Map.of("layout", "files"));
    assertEquals(2, pull(files).current(), "files: every object, the manifest is not read");

    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> pull(conf("explicit", "cur/", "aws-cur", Map.of("layout", "s3"))));
    assertEquals(2, e.exitCode());
    assertTrue(
        e.getMessage()
            .contains(
                "storage.layout: 's3' is not one of auto, files, aws-cur, aws-data-exports,"
                    + " azure-export, oci"),
        e.getMessage());
  }

  private static String azureManifest(String runId, String submitted) {
    String period = "billing/azure/daily/20261001-20261031/";
    return "{\"runInfo\":{\"runId\":\""
        + runId
        + "\",\"submittedTime\":\""
        + submitted
        + "\"},\"blobs\":[{\"blobName\":\""
        + period
        + runId
        + "/part_0_0001.csv\"}]}";
  }
}
