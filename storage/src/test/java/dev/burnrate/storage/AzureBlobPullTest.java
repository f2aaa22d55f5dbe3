package dev.burnrate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull step against Azurite's Blob service on 127.0.0.1 (a child process). */
class AzureBlobPullTest {
  @TempDir static Path azuriteData;
  static Azurite azurite;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    azurite = new Azurite(azuriteData);
  }

  @AfterAll
  static void stop() {
    azurite.close();
  }

  static Map<String, String> env(String key) {
    return Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString(key));
  }

  PipelineConfig conf(String path, String layout) {
    Source source = Source.of("azure", "focus", path);
    return PipelineYaml.dataDir("../data")
        .source(layout == null ? source : source.storage(Map.of("layout", layout)))
        .load(tmp.resolve("conf"));
  }

  Path landing(PipelineConfig cfg) {
    return cfg.layout().landing().resolve("azure");
  }

  @Test
  void firstPullThenANoChangePullThenADeletedBlob() throws Exception {
    BlobContainerClient c = azurite.container("plain");
    Azurite.put(c, "exports/2026-10/a.csv", "a,1\n");
    Azurite.put(c, "exports/2026-11/b.csv", "b,2\n");
    PipelineConfig cfg =
        conf("abfss://plain@" + Azurite.ACCOUNT + ".dfs.core.windows.net/exports/**", null);

    PullResult r = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(2, r.downloaded());
    assertEquals("a,1\n", Files.readString(landing(cfg).resolve("2026-10/a.csv")));

    PullResult again = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(0, again.downloaded());
    assertEquals(2, again.unchanged());
    assertEquals(1, again.requests(), "a no-change pull is one List Blobs request");

    c.getBlobClient("exports/2026-11/b.csv").delete();
    PullResult deleted = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(1, deleted.removed());
    assertFalse(Files.exists(landing(cfg).resolve("2026-11/b.csv")));
  }

  @Test
  void aNewExportRunReplacesThePeriod() throws Exception {
    BlobContainerClient c = azurite.container("runs");
    putRun(c, "run-1", "2026-10-30T02:00:00Z", "first run\n");
    PipelineConfig cfg =
        conf("https://" + Azurite.ACCOUNT + ".blob.core.windows.net/runs/cost/", "azure-export");
    PullStep.run(cfg, env(Azurite.KEY));
    Path landed = landing(cfg).resolve("focus-daily/20261001-20261031");
    assertTrue(Files.exists(landed.resolve("run-1/part_0_0001.csv")));

    putRun(c, "run-2", "2026-10-31T02:00:00Z", "second run, part 1\n", "second run, part 2\n");
    PullResult r = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(1, r.restated());
    assertEquals(2, r.downloaded());
    assertEquals(1, r.removed());
    assertFalse(Files.exists(landed.resolve("run-1/part_0_0001.csv")));
    assertEquals("second run, part 2\n", Files.readString(landed.resolve("run-2/part_0_0002.csv")));
    assertEquals(
        1, PullStep.run(cfg, env(Azurite.KEY)).get(0).requests(), "manifests are not re-read");
  }

  @Test
  void withNoLayoutSetAnExportRunsManifestStillDecidesThePeriod() throws Exception {
    BlobContainerClient c = azurite.container("runs-auto");
    putRun(c, "run-1", "2026-10-30T02:00:00Z", "first run\n");
    putRun(c, "run-2", "2026-10-31T02:00:00Z", "second run\n");
    Azurite.put(c, "cost/readme.csv", "no manifest covers me\n");
    PipelineConfig cfg =
        conf("https://" + Azurite.ACCOUNT + ".blob.core.windows.net/runs-auto/cost/", null);
    PullResult r = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(2, r.current());
    Path landed = landing(cfg).resolve("focus-daily/20261001-20261031");
    assertFalse(Files.exists(landed.resolve("run-1/part_0_0001.csv")));
    assertEquals("second run\n", Files.readString(landed.resolve("run-2/part_0_0001.csv")));
    assertTrue(Files.exists(landing(cfg).resolve("readme.csv")));
  }

  @Test
  void aWrongKeyIsAClearExit2WithoutTheKey() throws Exception {
    Azurite.put(azurite.container("denied"), "x/a.csv", "a\n");
    PipelineConfig cfg =
        conf("abfss://denied@" + Azurite.ACCOUNT + ".dfs.core.windows.net/x/", null);
    String wrongKey =
        java.util.Base64.getEncoder().encodeToString("not-the-key-0123456789abcdef".getBytes());
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> PullStep.run(cfg, env(wrongKey)));
    assertEquals(2, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("access denied"), e.getMessage());
    assertFalse(e.getMessage().contains(wrongKey), e.getMessage());
    assertFalse(e.getMessage().contains(Azurite.KEY), e.getMessage());
  }

  @Test
  void theServerGoingAwayFailsClearlyAndTheRerunCompletes() throws Exception {
    PipelineConfig cfg =
        conf("abfss://flaky@" + Azurite.ACCOUNT + ".dfs.core.windows.net/d/", null);
    azurite.stop();
    try {
      BurnrateException e =
          assertThrows(BurnrateException.class, () -> PullStep.run(cfg, env(Azurite.KEY)));
      assertEquals(1, e.exitCode(), e.getMessage());
      assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
      assertFalse(e.getMessage().contains(Azurite.KEY));
    } finally {
      azurite.start();
    }
    // a killed Azurite may lose what it had not saved yet: the blobs are written after the restart
    BlobContainerClient c = azurite.container("flaky");
    for (int i = 1; i <= 3; i++) {
      Azurite.put(c, "d/f" + i + ".csv", "file " + i + "\n");
    }
    PullResult r = PullStep.run(cfg, env(Azurite.KEY)).get(0);
    assertEquals(3, r.downloaded());
    assertEquals("file 3\n", Files.readString(landing(cfg).resolve("f3.csv")));
  }

  /**
   * One export run of October in {@code cost/focus-daily/}: a {@code part_0_000N.csv} blob per
   * content, then the run's manifest listing them (Cost Management writes the manifest last).
   */
  private static void putRun(
      BlobContainerClient c, String runId, String submitted, String... parts) {
    String run = "cost/focus-daily/20261001-20261031/" + runId + "/";
    String[] names = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      names[i] = run + "part_0_000" + (i + 1) + ".csv";
      Azurite.put(c, names[i], parts[i]);
    }
    Azurite.put(c, run + "manifest.json", azureManifest(runId, submitted, names));
  }

  private static String azureManifest(String runId, String submitted, String... blobs) {
    StringBuilder b =
        new StringBuilder(
            "{\"runInfo\":{\"runId\":\""
                + runId
                + "\",\"submittedTime\":\""
                + submitted
                + "\"},\"blobs\":[");
    for (int i = 0; i < blobs.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"blobName\":\"").append(blobs[i]).append("\"}");
    }
    return b.append("]}").toString();
  }
}
