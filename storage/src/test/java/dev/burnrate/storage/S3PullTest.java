package dev.burnrate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.StorageOptions;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.demo.s3.LocalS3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull step against a real S3 API server (s3proxy) on 127.0.0.1. */
class S3PullTest {
  static final String KEY_ID = "AKIDBURNRATETEST";
  static final String SECRET = "s3cr3t-Burnrate-Test-Key-0123456789";
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

  static Map<String, String> env(String secret) {
    return Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", secret);
  }

  PipelineConfig conf(String bucket, String path, String layout) {
    Source source = Source.of("aws", "focus", "s3://" + bucket + "/" + path);
    return PipelineYaml.dataDir("../data")
        .storage(Map.of("endpoint", server.endpoint(), "path_style", true))
        .source(layout == null ? source : source.storage(Map.of("layout", layout)))
        .load(tmp.resolve("conf"));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A new bucket holding, below {@code exports/}, each key of {@code keysAndContents} followed by
   * its content; the source reads {@code exports/**}.
   */
  PipelineConfig exports(String bucket, String... keysAndContents) throws Exception {
    server.createBucket(bucket);
    for (int i = 0; i < keysAndContents.length; i += 2) {
      server.put(bucket, "exports/" + keysAndContents[i], bytes(keysAndContents[i + 1]));
    }
    return conf(bucket, "exports/**", null);
  }

  /** The source's copy-mode pull of {@code path} into landing. */
  SourcePull copyPull(PipelineConfig cfg, ObjectStorePath path) {
    return new SourcePull(
        "aws", path, ExportLayout.FILES, landing(cfg), cfg.dataDir().resolve("pull"), null);
  }

  static ObjectStore open(PipelineConfig cfg, ObjectStorePath path) {
    return PullStep.open(path, cfg.storageOptions(cfg.sources().get(0)), env(SECRET));
  }

  Path landing(PipelineConfig cfg) {
    return cfg.layout().landing().resolve("aws");
  }

  @Test
  void firstPullCopiesEverythingThenANoChangePullReadsNothing() throws Exception {
    server.createBucket("first");
    server.put("first", "exports/focus/2026-10/a.csv", bytes("a,1\n"));
    server.put("first", "exports/focus/2026-11/b.csv", bytes("b,22\n"));
    server.put("first", "exports/focus/2026-11/manifest.json", bytes("{}"));
    server.put("first", "other/c.csv", bytes("not below the prefix\n"));
    PipelineConfig cfg = conf("first", "exports/focus/**", null);

    PullResult r = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(3, r.listed());
    assertEquals(2, r.downloaded());
    assertEquals(9, r.bytes());
    assertEquals("a,1\n", Files.readString(landing(cfg).resolve("2026-10/a.csv")));
    assertEquals("b,22\n", Files.readString(landing(cfg).resolve("2026-11/b.csv")));
    assertFalse(Files.exists(landing(cfg).resolve("2026-11/manifest.json")), "manifests stay out");
    assertEquals(
        cfg.dataDir().resolve("landing/aws/**").toString(),
        cfg.resolveSourcePath(cfg.sources().get(0)),
        "the ingest reads the landing copy");

    PullResult again = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(0, again.downloaded());
    assertEquals(2, again.unchanged());
    assertEquals(1, again.requests(), "a no-change pull is one LIST request");
  }

  @Test
  void aChangedObjectIsReadAgainAndADeletedOneLeavesLanding() throws Exception {
    server.createBucket("change");
    server.put("change", "f/2026-10.csv", bytes("v1\n"));
    server.put("change", "f/2026-11.csv", bytes("x\n"));
    PipelineConfig cfg = conf("change", "f/*.csv", null);
    PullStep.run(cfg, env(SECRET));

    server.put("change", "f/2026-10.csv", bytes("v2, restated\n"));
    server.delete("change", "f/2026-11.csv");
    PullResult r = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(1, r.downloaded());
    assertEquals(1, r.removed());
    assertEquals("v2, restated\n", Files.readString(landing(cfg).resolve("2026-10.csv")));
    assertFalse(Files.exists(landing(cfg).resolve("2026-11.csv")));
  }

  @Test
  void aNewCurAssemblyReplacesThePeriodInsteadOfAddingToIt() throws Exception {
    server.createBucket("cur");
    String period = "cur/burnrate/20261001-20261101/";
    server.put("cur", period + "a1/burnrate-1.csv", bytes("first assembly\n"));
    server.put("cur", period + "a1/burnrate-Manifest.json", bytes("{\"assemblyId\":\"a1\"}"));
    server.put(
        "cur", period + "burnrate-Manifest.json", curManifest("a1", period + "a1/burnrate-1.csv"));
    PipelineConfig cfg = conf("cur", "cur/", "aws-cur");
    PullStep.run(cfg, env(SECRET));
    Path landed = landing(cfg).resolve("burnrate/20261001-20261101");
    assertTrue(Files.exists(landed.resolve("a1/burnrate-1.csv")));

    // AWS writes the new assembly's files first, then the period's manifest
    server.put("cur", period + "a2/burnrate-1.csv", bytes("restated part 1\n"));
    PullResult during = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(0, during.downloaded(), "files of an assembly no manifest names yet wait");
    server.put(
        "cur",
        period + "burnrate-Manifest.json",
        curManifest("a2", period + "a2/burnrate-1.csv", period + "a2/burnrate-2.csv"));
    PullResult held = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(0, held.downloaded(), "a manifest naming a file not yet written holds the period");
    assertTrue(Files.exists(landed.resolve("a1/burnrate-1.csv")));

    server.put("cur", period + "a2/burnrate-2.csv", bytes("restated part 2\n"));
    PullResult r = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(1, r.restated());
    assertEquals(2, r.downloaded());
    assertEquals(1, r.removed());
    assertFalse(Files.exists(landed.resolve("a1/burnrate-1.csv")), "the old assembly leaves");
    assertEquals("restated part 2\n", Files.readString(landed.resolve("a2/burnrate-2.csv")));
    try (var files = Files.walk(landing(cfg))) {
      assertEquals(2, files.filter(Files::isRegularFile).count());
    }
    assertEquals(
        1,
        PullStep.run(cfg, env(SECRET)).get(0).requests(),
        "an unchanged manifest is not re-read");
  }

  @Test
  void aDataExportsManifestListsTheCurrentFilesOfItsBillingPeriod() throws Exception {
    server.createBucket("bcm");
    String base = "focus/export/";
    server.put("bcm", base + "data/BILLING_PERIOD=2026-10/e1-00001.csv.gz", bytes("e1\n"));
    server.put("bcm", base + "data/BILLING_PERIOD=2026-10/e2-00001.csv.gz", bytes("e2\n"));
    server.put(
        "bcm",
        base + "metadata/BILLING_PERIOD=2026-10/export-Manifest.json",
        bytes(
            "{\"executionId\":\"e2\",\"dataFiles\":[\"s3://bcm/"
                + base
                + "data/BILLING_PERIOD=2026-10/e2-00001.csv.gz\"]}"));
    PipelineConfig cfg = conf("bcm", base, "aws-data-exports");
    PullResult r = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(1, r.current());
    assertTrue(Files.exists(landing(cfg).resolve("data/BILLING_PERIOD=2026-10/e2-00001.csv.gz")));
    assertFalse(Files.exists(landing(cfg).resolve("data/BILLING_PERIOD=2026-10/e1-00001.csv.gz")));
  }

  @Test
  void aWrongCredentialIsAClearExit2WithoutTheSecret() throws Exception {
    server.createBucket("denied");
    server.put("denied", "x/a.csv", bytes("a\n"));
    PipelineConfig cfg = conf("denied", "x/", null);
    String wrong = "wrong-Secret-Value-9876543210";
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> PullStep.run(cfg, env(wrong)));
    assertEquals(2, e.exitCode());
    assertTrue(e.getMessage().contains("access denied"), e.getMessage());
    assertTrue(e.getMessage().contains("source 'aws'"), e.getMessage());
    assertFalse(e.getMessage().contains(wrong), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertFalse(Files.exists(landing(cfg)));
  }

  /**
   * Whoever can write to the billing bucket must not be able to write outside landing/. S3 stores
   * keys such as {@code exports//home/user/.bashrc} (the rest after the prefix is an absolute path)
   * and {@code exports/a/../../x}; the S3 server here normalises them, so the store lists them as
   * S3 would, beside a real object: both are skipped, logged and counted, nothing is written
   * outside landing/ (the absolute key points into this test's temp folder), and the real object
   * still lands.
   */
  @Test
  void keysThatWouldLeaveLandingAreSkippedAndCounted() throws Exception {
    server.createBucket("hostile");
    server.put("hostile", "exports/ok.csv", bytes("ok,1\n"));
    PipelineConfig cfg = conf("hostile", "exports/**", null);
    Path outside = tmp.resolve("outside/owned.csv");
    ObjectStorePath path = ObjectStorePath.parse("s3://hostile/exports/").orElseThrow();
    SourcePull pull =
        new SourcePull(
            "aws", path, ExportLayout.FILES, landing(cfg), cfg.dataDir().resolve("pull"), null);

    PullResult r;
    try (ObjectStore real = open(cfg, path)) {
      r = pull.run(new ListsAlso(real, List.of("exports/" + outside, "exports/a/../../../x.csv")));
    }

    assertEquals(3, r.listed());
    assertEquals(2, r.skipped());
    assertEquals(1, r.downloaded());
    assertEquals("ok,1\n", Files.readString(landing(cfg).resolve("ok.csv")));
    assertFalse(Files.exists(outside), "an absolute key wrote " + outside);
    assertFalse(Files.exists(landing(cfg).resolve("../../x.csv").normalize()));
  }

  /**
   * Keys a file system cannot hold side by side: {@code 2026-10} beside {@code 2026-10/a.csv}, a
   * file and a folder of one name (this failed every night). The folder wins: {@code 2026-10} is
   * skipped, logged and counted, and the other keys land. Listed: 3, skipped: 1, downloaded: 2.
   */
  @Test
  void aKeyAnotherNeedsAsAFolderIsSkippedAndCounted() throws Exception {
    PipelineConfig cfg = exports("clash", "2026-10/a.csv", "a,1\n", "x.csv", "x,2\n");
    ObjectStorePath path = ObjectStorePath.parse("s3://clash/exports/").orElseThrow();
    SourcePull pull = copyPull(cfg, path);

    PullResult r;
    try (ObjectStore real = open(cfg, path)) {
      r = pull.run(new ListsAlso(real, List.of("exports/2026-10")));
    }

    assertEquals(3, r.listed());
    assertEquals(1, r.skipped());
    assertEquals(2, r.downloaded());
    assertEquals("a,1\n", Files.readString(landing(cfg).resolve("2026-10/a.csv")));
    assertEquals("x,2\n", Files.readString(landing(cfg).resolve("x.csv")));
    assertFalse(Files.exists(cfg.dataDir().resolve("pull/staging/aws")));
    assertFalse(Files.exists(cfg.dataDir().resolve("pull/parts/aws")));
  }

  /**
   * Key {@code x.csv.part} beside {@code x.csv}, whose download's temp file was once {@code
   * x.csv.part} in staging: night 1 stages {@code x.csv.part} and stops at {@code y.csv} (the store
   * fails); night 2 lists {@code x.csv} as well, resumes the staged {@code x.csv.part} and
   * downloads the other two. The temp file used to delete the staged copy, and landing then
   * silently lacked {@code x.csv.part}; all three land now.
   */
  @Test
  void aKeyNamedLikeADownloadsTempFileIsKeptAcrossAResume() throws Exception {
    PipelineConfig cfg = exports("part", "x.csv.part", "part,3\n", "y.csv", "y,4\n");
    ObjectStorePath path = ObjectStorePath.parse("s3://part/exports/").orElseThrow();
    SourcePull pull = copyPull(cfg, path);
    try (ObjectStore real = open(cfg, path)) {
      assertThrows(BurnrateException.class, () -> pull.run(new FailsOn(real, "exports/y.csv")));
      server.put("part", "exports/x.csv", bytes("x,2\n"));
      PullResult r = pull.run(real);
      assertEquals(1, r.resumed());
      assertEquals(2, r.downloaded());
    }
    assertEquals("x,2\n", Files.readString(landing(cfg).resolve("x.csv")));
    assertEquals("part,3\n", Files.readString(landing(cfg).resolve("x.csv.part")));
    assertEquals("y,4\n", Files.readString(landing(cfg).resolve("y.csv")));
  }

  /**
   * A key's landing copy that becomes a folder's name, and back: night 1 lands the file {@code
   * 2026-10}; night 2 lists {@code 2026-10/a.csv} too, so the file leaves landing (a key another
   * needs as a folder) and the folder arrives; night 3 the folder's only object is deleted, so the
   * file lands again where the emptied folder stood.
   */
  @Test
  void aFileThatBecomesAFolderAndBackChangesLandingEachNight() throws Exception {
    PipelineConfig cfg = exports("flip");
    ObjectStorePath path = ObjectStorePath.parse("s3://flip/exports/").orElseThrow();
    SourcePull pull = copyPull(cfg, path);
    Path file = landing(cfg).resolve("2026-10");
    try (ObjectStore real = open(cfg, path)) {
      ObjectStore withFile = new ListsAlso(real, List.of("exports/2026-10"));

      PullResult night1 = pull.run(withFile);
      assertEquals(1, night1.downloaded());
      assertEquals("pwned\n", Files.readString(file), "the listed file's content");

      server.put("flip", "exports/2026-10/a.csv", bytes("a,1\n"));
      PullResult night2 = pull.run(withFile);
      assertEquals(1, night2.skipped());
      assertEquals(1, night2.removed());
      assertEquals("a,1\n", Files.readString(file.resolve("a.csv")));

      server.delete("flip", "exports/2026-10/a.csv");
      PullResult night3 = pull.run(withFile);
      assertEquals(0, night3.skipped());
      assertEquals(1, night3.downloaded());
      assertEquals(1, night3.removed());
      assertTrue(Files.isRegularFile(file));
    }
  }

  @Test
  void unsafeKeysAreNamedWithTheirReason() {
    assertEquals(null, ObjectKeys.unsafeReason("2026-10/part-1.csv.gz"));
    assertEquals(null, ObjectKeys.unsafeReason("2026-10/"));
    assertTrue(ObjectKeys.unsafeReason("/home/user/.bashrc").contains("absolute"));
    assertTrue(ObjectKeys.unsafeReason("a/../b").contains("'..'"));
    assertTrue(ObjectKeys.unsafeReason("./a").contains("'.'"));
    assertTrue(ObjectKeys.unsafeReason("a//b").contains("empty segment"));
    assertTrue(ObjectKeys.unsafeReason("a\\b").contains("backslash"));
    assertTrue(ObjectKeys.unsafeReason("a\u001b[2Jb").contains("control"));
  }

  @Test
  void theServerGoingAwayMidwayFailsClearlyAndTheRerunResumes() throws Exception {
    server.createBucket("flaky");
    for (int i = 1; i <= 5; i++) {
      server.put("flaky", "d/f" + i + ".csv", bytes("file " + i + "\n"));
    }
    PipelineConfig cfg = conf("flaky", "d/", null);
    ObjectStorePath path = ObjectStorePath.parse("s3://flaky/d/").orElseThrow();
    Path pullDir = cfg.dataDir().resolve("pull");
    StorageOptions options = cfg.storageOptions(cfg.sources().get(0));
    SourcePull pull = new SourcePull("aws", path, ExportLayout.FILES, landing(cfg), pullDir, null);
    try (ObjectStore real = PullStep.open(path, options, env(SECRET))) {
      ObjectStore dying = new StopAfter(real, 2);
      BurnrateException e = assertThrows(BurnrateException.class, () -> pull.run(dying));
      assertEquals(1, e.exitCode(), "worth a retry");
      assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET));
    } finally {
      server.start();
    }
    assertFalse(Files.exists(landing(cfg)), "landing changes only when a pull completes");

    PullResult r = PullStep.run(cfg, env(SECRET)).get(0);
    assertEquals(2, r.resumed(), "the staged objects are not downloaded again");
    assertEquals(3, r.downloaded());
    assertEquals(1 + 3, r.requests(), "one LIST and three GETs");
    for (int i = 1; i <= 5; i++) {
      assertEquals("file " + i + "\n", Files.readString(landing(cfg).resolve("f" + i + ".csv")));
    }
    assertFalse(Files.exists(pullDir.resolve("staging/aws")));
  }

  private static byte[] curManifest(String assembly, String... keys) {
    return bytes(
        "{\"assemblyId\":\""
            + assembly
            + "\",\"reportKeys\":[\""
            + String.join("\",\"", List.of(keys))
            + "\"]}");
  }

  /** A store that passes every call to the real one, but for those it overrides. */
  private interface Delegating extends ObjectStore {
    ObjectStore store();

    @Override
    default List<StoredObject> list(String prefix) {
      return store().list(prefix);
    }

    @Override
    default void download(StoredObject o, Path target) {
      store().download(o, target);
    }

    @Override
    default byte[] read(StoredObject o) {
      return store().read(o);
    }

    @Override
    default long requests() {
      return store().requests();
    }

    @Override
    default void close() {}
  }

  /** The real store, listing besides its own objects {@code extra} keys as S3 would keep them. */
  private record ListsAlso(ObjectStore store, List<String> extra) implements Delegating {
    @Override
    public List<StoredObject> list(String prefix) {
      List<StoredObject> all = new java.util.ArrayList<>(store.list(prefix));
      extra.forEach(
          k -> all.add(new StoredObject(k, "e-" + k.length(), 6, java.time.Instant.EPOCH)));
      return all;
    }

    @Override
    public void download(StoredObject o, Path target) {
      if (extra.contains(o.key())) {
        try {
          Files.createDirectories(target.getParent());
          Files.write(target, bytes("pwned\n"));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      } else {
        store.download(o, target);
      }
    }
  }

  /** The real store, failing the download of one key as an unreachable store would. */
  private record FailsOn(ObjectStore store, String key) implements Delegating {
    @Override
    public void download(StoredObject o, Path target) {
      if (o.key().equals(key)) {
        throw new BurnrateException(1, "the store is unreachable; retry later");
      }
      store.download(o, target);
    }
  }

  /** The real store, with the server stopped after {@code n} downloads. */
  private record StopAfter(ObjectStore store, int n, int[] done) implements Delegating {
    StopAfter(ObjectStore store, int n) {
      this(store, n, new int[1]);
    }

    @Override
    public void download(StoredObject o, Path target) {
      store.download(o, target);
      if (++done[0] == n) {
        server.stop();
      }
    }
  }
}
