package dev.burnrate.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.manifest.ExportManifest.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one reader of provider export manifests, shared by the pull step and the ingest. Each
 * manifest below is written by hand from the providers' documentation of its fields: legacy CUR
 * ({@code assemblyId}, {@code reportKeys}), AWS Data Exports ({@code executionId}, {@code
 * dataFiles} as s3:// URIs) and Azure Cost Management exports ({@code runInfo}, {@code
 * blobs[].blobName}).
 */
class ExportManifestTest {
  private static final Instant MODIFIED = Instant.parse("2026-11-02T04:00:00Z");
  private static final String CUR = "billing/gpu-cur/20261001-20261101/";
  private static final String DE = "exports/gpu-focus/";
  private static final String AZURE = "costs/gpu-focus/20261001-20261031/";

  private static ExportManifest read(Kind kind, String location, String json) {
    return ExportManifest.read(
        kind, location, MODIFIED, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String fails(Kind kind, String location, String json) {
    BurnrateException e = assertThrows(BurnrateException.class, () -> read(kind, location, json));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().startsWith(location + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void eachLayoutsManifestIsRecognisedByItsKeyInAnyCase() {
    assertEquals(Optional.of(Kind.AWS_CUR), Kind.of(CUR + "gpu-cur-Manifest.json"));
    assertEquals(Optional.of(Kind.AWS_CUR), Kind.of("/data/" + CUR + "gpu-cur-manifest.json"));
    assertEquals(
        Optional.of(Kind.AWS_DATA_EXPORTS),
        Kind.of(DE + "metadata/BILLING_PERIOD=2026-10/gpu-focus-Manifest.json"));
    assertEquals(Optional.of(Kind.AZURE_EXPORT), Kind.of(AZURE + "run-1/manifest.json"));
    assertEquals(Optional.of(Kind.AZURE_EXPORT), Kind.of(AZURE + "run-1/Manifest.JSON"));
  }

  @Test
  void otherKeysAreNoKindsManifest() {
    // legacy CUR also writes a manifest into each assembly folder: the period folder's one decides
    assertEquals(Optional.empty(), Kind.of(CUR + "asm-1/gpu-cur-Manifest.json"));
    assertEquals(Optional.empty(), Kind.of(CUR + "manifest.json"));
    assertEquals(Optional.empty(), Kind.of(CUR + "asm-1/gpu-cur-1.csv.gz"));
    assertEquals(Optional.empty(), Kind.of(DE + "data/BILLING_PERIOD=2026-10/x-Manifest.json"));
    assertEquals(Optional.empty(), Kind.of("exports/2026-11/manifest.json"));
    assertTrue(ExportManifest.isManifestName("exports/2026-11/manifest.json"));
    assertTrue(ExportManifest.isManifestName(CUR + "asm-1/gpu-cur-Manifest.json"));
    assertFalse(ExportManifest.isManifestName(CUR + "asm-1/manifest.json.gz"));
  }

  @Test
  void aCurManifestNamesItsAssemblyAndItsReportKeys() {
    ExportManifest m =
        read(
            Kind.AWS_CUR,
            CUR + "gpu-cur-Manifest.json",
            "{\"assemblyId\":\"asm-2\",\"reportKeys\":[\""
                + CUR
                + "asm-2/gpu-cur-1.csv.gz\",\""
                + CUR
                + "asm-2/gpu-cur-2.csv.gz\"],\"billingPeriod\":{\"start\":\"20261001T000000.000Z\"}}");
    assertEquals(CUR, m.scope());
    assertEquals("asm-2", m.id());
    assertEquals(MODIFIED, m.delivered(), "a CUR manifest has no time of its own");
    assertEquals(
        List.of(CUR + "asm-2/gpu-cur-1.csv.gz", CUR + "asm-2/gpu-cur-2.csv.gz"), m.files());
  }

  @Test
  void aDataExportsManifestListsKeysOfThePartitionItDescribes() {
    String data = DE + "data/BILLING_PERIOD=2026-10/";
    ExportManifest m =
        read(
            Kind.AWS_DATA_EXPORTS,
            DE + "metadata/BILLING_PERIOD=2026-10/gpu-focus-Manifest.json",
            "{\"executionId\":\"e-7\",\"dataFiles\":[\"s3://bucket/"
                + data
                + "gpu-focus-00001.csv.gz\",\""
                + data
                + "gpu-focus-00002.csv.gz\"]}");
    assertEquals(data, m.scope(), "the data partition, not the metadata folder");
    assertEquals("e-7", m.id());
    assertEquals(
        List.of(data + "gpu-focus-00001.csv.gz", data + "gpu-focus-00002.csv.gz"),
        m.files(),
        "an s3:// URI loses its scheme and bucket; a bare key stays");
  }

  @Test
  void anAzureRunIsDeliveredWhenItsRunInfoSays() {
    ExportManifest m =
        read(
            Kind.AZURE_EXPORT,
            AZURE + "run-1/manifest.json",
            "{\"runInfo\":{\"runId\":\"5f1c\",\"submittedTime\":\"2026-11-03T06:10:12.1234567Z\"},"
                + "\"blobs\":[{\"blobName\":\""
                + AZURE
                + "run-1/part_0_0001.csv.gz\",\"byteCount\":100}]}");
    assertEquals(AZURE, m.scope(), "the period folder: every run re-delivers it");
    assertEquals("5f1c", m.id());
    assertEquals(Instant.parse("2026-11-03T06:10:12.1234567Z"), m.delivered());
    assertEquals(List.of(AZURE + "run-1/part_0_0001.csv.gz"), m.files());
  }

  @Test
  void anAzureRunWithoutRunInfoIsNamedByItsManifestAndTimedByItsFile() {
    String blobs = "\"blobs\":[{\"blobName\":\"" + AZURE + "run-2/part_0_0001.csv\"}]";
    ExportManifest none = read(Kind.AZURE_EXPORT, AZURE + "run-2/manifest.json", "{" + blobs + "}");
    assertEquals(AZURE + "run-2/manifest.json", none.id());
    assertEquals(MODIFIED, none.delivered());
    ExportManifest badTime =
        read(
            Kind.AZURE_EXPORT,
            AZURE + "run-2/manifest.json",
            "{\"runInfo\":{\"submittedTime\":\"03/11/2026 06:10\"}," + blobs + "}");
    assertEquals(MODIFIED, badTime.delivered(), "not a UTC time: the file's time orders the run");
  }

  @Test
  void aBrokenManifestIsBadInputNamingItAndWhatIsWrong() {
    String cur = CUR + "gpu-cur-Manifest.json";
    assertTrue(fails(Kind.AWS_CUR, cur, "{\"assemblyId\":").contains("is not valid JSON"));
    assertTrue(fails(Kind.AWS_CUR, cur, "[\"a\"]").contains("is not a JSON object"));
    assertTrue(
        fails(Kind.AWS_CUR, cur, "{\"reportKeys\":[\"" + CUR + "a.csv\"]}")
            .contains("has no 'assemblyId'"));
    assertTrue(
        fails(Kind.AWS_CUR, cur, "{\"assemblyId\":\"a\",\"reportKeys\":[]}")
            .contains("reportKeys is empty or has a blank entry"));
    String de = DE + "metadata/BILLING_PERIOD=2026-10/x-Manifest.json";
    assertTrue(
        fails(Kind.AWS_DATA_EXPORTS, de, "{\"dataFiles\":[\"s3://bucket/k.csv\"]}")
            .contains("has no 'executionId'"));
    assertTrue(
        fails(Kind.AWS_DATA_EXPORTS, de, "{\"executionId\":\"e\",\"dataFiles\":[\"s3://bucket\"]}")
            .contains("dataFiles is empty or has a blank entry"));
    assertTrue(
        fails(Kind.AZURE_EXPORT, AZURE + "r/manifest.json", "{\"blobs\":[{\"byteCount\":1}]}")
            .contains("blobs is empty or has a blank entry"));
  }
}
