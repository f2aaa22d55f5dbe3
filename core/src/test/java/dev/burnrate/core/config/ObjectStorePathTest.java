package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object-store source paths: the forms providers deliver to, and where the ingest reads them. */
class ObjectStorePathTest {
  @TempDir Path dir;

  @Test
  void s3PathSplitsIntoBucketPrefixAndGlob() {
    ObjectStorePath p = ObjectStorePath.parse("s3://bills/cur/acme/*/data/**").orElseThrow();
    assertEquals(ObjectStorePath.Kind.S3, p.kind());
    assertEquals("bills", p.container());
    assertEquals("cur/acme/", p.prefix());
    assertEquals("*/data/**", p.glob());
    ObjectStorePath folder = ObjectStorePath.parse("s3://bills/focus").orElseThrow();
    assertEquals("focus/", folder.prefix());
    assertEquals("**", folder.glob());
  }

  @Test
  void azureFormsNameAccountContainerAndPrefix() {
    ObjectStorePath abfss =
        ObjectStorePath.parse("abfss://exports@acme.dfs.core.windows.net/focus/**").orElseThrow();
    assertEquals("acme", abfss.account());
    assertEquals("exports", abfss.container());
    assertEquals("focus/", abfss.prefix());
    ObjectStorePath https =
        ObjectStorePath.parse("https://acme.blob.core.windows.net/exports/focus/").orElseThrow();
    assertEquals(abfss.account(), https.account());
    assertEquals(abfss.prefix(), https.prefix());
    ObjectStorePath emulator =
        ObjectStorePath.parse("http://127.0.0.1:10000/devstoreaccount1/exports/f/").orElseThrow();
    assertEquals("http://127.0.0.1:10000/devstoreaccount1", emulator.endpoint());
    assertEquals("exports", emulator.container());
  }

  @Test
  void localAndHadoopPathsAreNotObjectStores() {
    assertFalse(ObjectStorePath.isObjectStore("landing/aws/**"));
    assertFalse(ObjectStorePath.isObjectStore("hdfs://nn/landing/**"));
    assertFalse(ObjectStorePath.isObjectStore("s3a://bucket/direct/**"));
    assertThrows(
        BurnrateException.class, () -> ObjectStorePath.parse("abfss://no-account/prefix/"));
  }

  @Test
  void theIngestReadsAnObjectStoreSourceFromItsLandingCopy() throws Exception {
    Files.writeString(
        dir.resolve("pipeline.yaml"),
        "data_dir: data\nstorage: {region: eu-west-1}\nsources:\n"
            + "  - {name: aws, format: focus, path: \"s3://b/p/*.csv\","
            + " storage: {layout: aws-cur}}\n");
    PipelineConfig cfg = PipelineConfig.load(dir);
    SourceConfig src = cfg.sources().get(0);
    assertEquals(
        dir.toAbsolutePath().resolve("data/landing/aws/*.csv").toString(),
        cfg.resolveSourcePath(src));
    assertEquals("eu-west-1", cfg.storage().region());
    assertEquals(StorageLayout.AWS_CUR, src.storage().layout());
    assertEquals(
        new StorageOptions(null, false, "eu-west-1", StorageLayout.AWS_CUR, StorageMode.AUTO),
        cfg.storageOptions(src),
        "the source's layout over the top-level region, then the defaults");
    assertTrue(cfg.pulledLanding(src).endsWith("landing/aws"));
  }
}
