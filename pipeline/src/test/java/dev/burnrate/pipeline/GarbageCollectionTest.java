package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate gc} on a data folder written by hand (gc reads folder names, unit files, run
 * manifests and run records; it never opens a Parquet file, so the unit files hold plain bytes of
 * known length). The story, run ids dated early 2025, long before a 30-day retention:
 *
 * <ul>
 *   <li>R0 (2024-12-01) read source s2, whose newest run it still is;
 *   <li>R1 (2025-01-01) published source s1's unit; R2 (2025-01-05) restated it: the live unit's
 *       {@code _unit.json} names R2, {@code replaced/run=R2/} holds R1's version (100 bytes);
 *   <li>a recent run NEW read s1 again, unchanged, and restated nothing; {@code replaced/run=NEW/}
 *       stands for a restatement inside the retention;
 *   <li>{@code retired/run=OLD/} holds a retired source's unit (7 bytes);
 *   <li>runs/ holds two old nightly records and one old ingest record.
 * </ul>
 *
 * So gc removes exactly: replaced/run=R2 (1 file, 100 bytes), retired/run=OLD (1 file, 7 bytes),
 * quarantine/run=R1 (1 file, 10 bytes), _runs/R1.json and the older nightly record. It keeps R2's
 * quarantine and manifest (they made a live unit), R0's (the newest run of s2), NEW's (recent), the
 * newer nightly record and the only ingest record however old, the live cost and gpu units, the
 * staging of an interrupted publish and the warehouse.
 */
class GarbageCollectionTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 20);
  private static final String R0 = "20241201T010000Z-0a0a";
  private static final String R1 = "20250101T010000Z-1a1a";
  private static final String R2 = "20250105T010000Z-2b2b";
  private static final String NEW =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
              .withZone(ZoneOffset.UTC)
              .format(Instant.now().minus(Duration.ofDays(1)))
          + "-3c3c";
  private static final String UNIT = "provider=AWS/period=2025-01/source=s1/account=111";

  @TempDir Path dir;
  private Path data;
  private PipelineConfig cfg;
  private String r1Manifest;
  private String oldNightly;
  private long oldNightlyBytes;

  @BeforeEach
  void dataFolder() throws IOException {
    data = dir.resolve("data");
    cfg = PipelineConfig.builder(dir.resolve("conf"), data).build();
    write("lake/cost/" + UNIT + "/part-0.parquet", "x".repeat(120));
    write("lake/cost/" + UNIT + "/_unit.json", "{\"run_id\": \"" + R2 + "\"}");
    write("lake/gpu/source=t1/day=2025-01-01/part-0.parquet", "g".repeat(30));
    write("lake/replaced/run=" + R2 + "/" + UNIT + "/part-0.parquet", "r".repeat(100));
    write("lake/replaced/run=" + NEW + "/" + UNIT + "/part-0.parquet", "n".repeat(50));
    write("lake/retired/run=20250110T000000Z-retire-9/cost/x=1/part-0.parquet", "t".repeat(7));
    for (String run : List.of(R0, R1, R2, NEW)) {
      write("lake/quarantine/run=" + run + "/source=s1/part-0.parquet", "q".repeat(10));
    }
    write("lake/_runs/" + R0 + ".json", "{\"inputs\": [{\"source\": \"s2\"}]}");
    r1Manifest = "{\"inputs\": [{\"source\": \"s1\"}], \"units\": [{\"source\": \"s1\"}]}";
    write("lake/_runs/" + R1 + ".json", r1Manifest);
    write("lake/_runs/" + R2 + ".json", "{\"units\": [{\"source\": \"s1\"}]}");
    write("lake/_runs/" + NEW + ".json", "{\"inputs\": [{\"source\": \"s1\"}]}");
    write("lake/_staging/20250101T000000Z-dead/publish-journal.json", "[]");
    write("warehouse/burnrate.duckdb", "w");
    oldNightly = record("20250101T000000Z-nightly-1", "nightly", "2025-01-01T00:00:00Z");
    oldNightlyBytes = Files.size(data.resolve("runs/" + oldNightly));
    record("20250102T000000Z-nightly-2", "nightly", "2025-01-02T00:00:00Z");
    record("20250103T000000Z-ingest-3", "ingest", "2025-01-03T00:00:00Z");
  }

  @Test
  void dryRunListsWhatGcRemovesAndRemovesNothing() throws IOException {
    List<Path> before = files();
    GarbageCollection.Result r = gc(true);
    assertEquals(
        expectedPaths(), r.removed().stream().map(GarbageCollection.Removal::path).toList());
    assertEquals(expectedBytes(), r.bytes());
    List<Path> after = files();
    // the run adds its lock file, its run record and the metrics file, and removes nothing
    after.removeIf(
        p ->
            p.startsWith(data.resolve("runs"))
                || p.startsWith(data.resolve("metrics"))
                || p.getFileName().toString().equals(".burnrate.lock"));
    before.removeIf(p -> p.startsWith(data.resolve("runs")));
    assertEquals(before, after, "a dry run removes nothing");
    assertTrue(Files.exists(data.resolve("runs/" + oldNightly)), "nor any run record");
  }

  @Test
  void gcRemovesOldSupersededMaterialAndKeepsLiveDataAndTheNewestRecords() throws IOException {
    GarbageCollection.Result r = gc(false);
    assertEquals(
        expectedPaths(), r.removed().stream().map(GarbageCollection.Removal::path).toList());
    assertEquals(5, r.files());
    assertEquals(expectedBytes(), r.bytes());
    for (String gone : expectedPaths()) {
      assertFalse(Files.exists(data.resolve(gone)), gone);
    }
    for (String kept :
        List.of(
            "lake/cost/" + UNIT + "/part-0.parquet",
            "lake/gpu/source=t1/day=2025-01-01/part-0.parquet",
            "lake/replaced/run=" + NEW,
            "lake/quarantine/run=" + R0,
            "lake/quarantine/run=" + R2,
            "lake/quarantine/run=" + NEW,
            "lake/_runs/" + R0 + ".json",
            "lake/_runs/" + R2 + ".json",
            "lake/_runs/" + NEW + ".json",
            "lake/_staging/20250101T000000Z-dead/publish-journal.json",
            "warehouse/burnrate.duckdb",
            "runs/20250102T000000Z-nightly-2.json",
            "runs/20250103T000000Z-ingest-3.json")) {
      assertTrue(Files.exists(data.resolve(kept)), kept);
    }
    assertFalse(
        Files.exists(data.resolve("lake/_trash")) && files(data.resolve("lake/_trash")) > 0);

    RunRecord.Data gcRecord = RunRecord.all(data).get(RunRecord.all(data).size() - 1);
    assertEquals("gc", gcRecord.command());
    Map<String, Object> d = gcRecord.stages().get(0).details();
    assertEquals(5, ((Number) d.get("removed_entries")).intValue());
    assertEquals(expectedBytes(), ((Number) d.get("removed_bytes")).longValue());

    assertEquals(0, gc(false).removed().size(), "a second gc finds nothing more");
  }

  /**
   * A gc that died after renaming {@code replaced/run=R2} into the trash and deleting one of its
   * two files (the 100-byte one) leaves the 40-byte file there; the next gc deletes it first.
   */
  @Test
  void aGcInterruptedHalfwayIsCompletedByTheNext() throws IOException {
    String trash = "lake/_trash/20250201T000000Z-gc-7-replaced-run=" + R1;
    write(trash + "/" + UNIT + "/part-1.parquet", "h".repeat(40));
    GarbageCollection.Result r = gc(false);
    GarbageCollection.Removal first = r.removed().get(0);
    assertEquals(trash, first.path());
    assertEquals("trash", first.kind());
    assertEquals(40, first.bytes());
    assertFalse(Files.exists(data.resolve(trash)));
    assertEquals(expectedBytes() + 40, r.bytes());
  }

  private List<String> expectedPaths() {
    return List.of(
        "lake/replaced/run=" + R2,
        "lake/retired/run=20250110T000000Z-retire-9",
        "lake/quarantine/run=" + R1,
        "lake/_runs/" + R1 + ".json",
        "runs/" + oldNightly);
  }

  private long expectedBytes() throws IOException {
    return 100 + 7 + 10 + r1Manifest.length() + oldNightlyBytes;
  }

  private GarbageCollection.Result gc(boolean dryRun) {
    GarbageCollection.Result[] out = new GarbageCollection.Result[1];
    Runs.execute(cfg, "gc", List.of(AS_OF), stages -> out[0] = stages.gc(AS_OF, 30, dryRun));
    return out[0];
  }

  private String record(String id, String command, String startedAt) throws IOException {
    write(
        "runs/" + id + ".json",
        "{\"run_id\": \""
            + id
            + "\", \"command\": \""
            + command
            + "\", \"days\": [], \"started_at\": \""
            + startedAt
            + "\", \"finished_at\": \""
            + startedAt
            + "\", \"duration_ms\": 0, \"exit_code\": 0, \"pid\": 1, \"stages\": []}");
    return id + ".json";
  }

  private void write(String rel, String content) throws IOException {
    Path p = data.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(data)) {
      return new java.util.ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
    }
  }

  private static long files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
