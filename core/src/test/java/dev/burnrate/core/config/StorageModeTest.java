package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.mode: what auto means in local mode and on a cluster, and what direct refuses. */
class StorageModeTest {
  @TempDir Path dir;

  private PipelineConfig load(String master, String globalMode) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"),
        "data_dir: ../data\n"
            + "spark: {master: \""
            + master
            + "\"}\n"
            + (globalMode == null ? "" : "storage: {mode: " + globalMode + "}\n")
            + "sources:\n"
            + "  - {name: s3, format: focus, path: \"s3://bills/focus/\"}\n"
            + "  - {name: oci, format: focus, path: \"s3://bling/r/\", storage: {layout: oci}}\n"
            + "  - {name: oci-cost, format: oci-cost, path: \"s3://tenancy/oci/\"}\n"
            + "  - {name: oci-focus, format: focus, path: \"s3://tenancy/FOCUS Reports/**\"}\n"
            + "  - {name: oci-files, format: oci-cost, path: \"s3://t/o/\","
            + " storage: {layout: files}}\n"
            + "  - {name: az, format: focus, path: \"abfss://e@acme.dfs.core.windows.net/f/\"}\n"
            + "  - {name: disk, format: focus, path: \"landing/focus/**\"}\n");
    return PipelineConfig.load(conf);
  }

  private static StorageMode mode(PipelineConfig cfg, String source) {
    return cfg.storageMode(
        cfg.sources().stream().filter(s -> s.name().equals(source)).findFirst().orElseThrow());
  }

  @Test
  void autoCopiesInLocalModeAndReadsS3DirectlyOnACluster() throws Exception {
    PipelineConfig local = load("local[*]", null);
    for (String s : new String[] {"s3", "oci", "oci-cost", "oci-focus", "az", "disk"}) {
      assertEquals(StorageMode.COPY, mode(local, s), s);
    }
    assertTrue(local.resolveSourcePath(local.sources().get(0)).endsWith("landing/s3/**"));
    PipelineConfig cluster = load("spark://master:7077", null);
    assertEquals(StorageMode.DIRECT, mode(cluster, "s3"));
    assertEquals("s3a://bills/focus/**", cluster.resolveSourcePath(cluster.sources().get(0)));
    assertEquals(StorageMode.COPY, mode(cluster, "oci"), "oci keeps deleted reports: a copy");
    assertEquals(StorageMode.COPY, mode(cluster, "oci-cost"), "auto layout, OCI's format");
    assertEquals(StorageMode.COPY, mode(cluster, "oci-focus"), "auto layout, OCI's folder");
    assertEquals(StorageMode.DIRECT, mode(cluster, "oci-files"), "the operator's layout wins");
    assertEquals(StorageMode.COPY, mode(cluster, "az"), "no Azure direct reads");
    assertEquals(StorageMode.COPY, mode(cluster, "disk"));
    assertEquals(StorageMode.COPY, mode(load("yarn", "copy"), "s3"));
  }

  @Test
  void directOnAzureOrTheOciLayoutAndAnUnknownModeAreConfigErrors() throws Exception {
    BurnrateException direct =
        assertThrows(BurnrateException.class, () -> load("local[*]", "direct"));
    assertEquals(2, direct.exitCode());
    assertTrue(
        direct.getMessage().contains("source 'oci': storage.mode direct"), direct.getMessage());
    BurnrateException unknown =
        assertThrows(BurnrateException.class, () -> load("local[*]", "stream"));
    assertEquals(2, unknown.exitCode());
    assertTrue(
        unknown
            .getMessage()
            .contains(":3: storage.mode: 'stream' is not one of copy, direct, auto"),
        unknown.getMessage());
  }
}
