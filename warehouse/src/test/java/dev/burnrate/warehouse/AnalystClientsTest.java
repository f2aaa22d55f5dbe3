package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.WarehouseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse file opens in the DuckDB clients analysts have installed, which are DuckDB 1.x: the
 * Node client from npm ({@code @duckdb/node-api} 1.5.6, the newest 1.x release; it reads storage
 * versions 64 to 68) opens the built file read-only and gets the numbers the JDBC driver gets.
 *
 * <p>Needs Node.js on the PATH; the client itself is installed from npm into target/ on first use
 * ({@code npm ci} with the lock file in src/test/node).
 */
class AnalystClientsTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 15);
  private static final String SPEND =
      "select ProviderName, cast(cast(sum(BilledCost) as decimal(18, 2)) as varchar) as billed"
          + " from focus_cost group by all order by all";

  private static Path client;

  @TempDir Path tmp;

  @BeforeAll
  static void installClient() throws Exception {
    Path node = Path.of("target", "duckdb-node").toAbsolutePath();
    Files.createDirectories(node);
    for (String f : List.of("package.json", "package-lock.json", "query.mjs")) {
      Files.copy(
          Path.of("src", "test", "node", f), node.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(node.resolve("node_modules/@duckdb/node-api"))) {
      Process npm = process(node, "npm", "ci", "--no-audit", "--no-fund");
      assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm ci took over 5 minutes");
      assertEquals(0, npm.exitValue(), "npm ci in " + node + ":\n" + output(npm));
    }
    client = node;
  }

  @Test
  void theDefaultFileOpensReadOnlyInTheDuckDb1NodeClientWithTheSameNumbers() throws Exception {
    TestWarehouse wh = twoProviders(new TestWarehouse(tmp));
    wh.build(AS_OF);

    Result node = nodeQuery(wh.warehouseFile(), SPEND);
    assertEquals(0, node.exitCode(), node.err());
    assertTrue(node.err().contains("client v1.5.6"), "a DuckDB 1.x client: " + node.err());
    // 10.00 + 2.50 for AWS, 7.25 for Google Cloud, as JDBC reads them
    assertEquals(List.of("[\"AWS\",\"12.50\"]", "[\"Google Cloud\",\"7.25\"]"), node.lines());
    assertEquals(List.of("AWS | 12.50", "Google Cloud | 7.25"), wh.query(SPEND));
    Result summary =
        nodeQuery(wh.warehouseFile(), "select cast(spend_total as varchar) from rpt_summary");
    assertEquals(List.of("[\"19.75\"]"), summary.lines(), summary.err());
  }

  /** The setting is what makes the file readable: DuckDB 2.0's own format is refused by 1.x. */
  @Test
  void latestStorageIsRefusedByDuckDb1Clients() throws Exception {
    TestWarehouse wh = twoProviders(new TestWarehouse(tmp));
    wh.warehouse(new WarehouseSettings("latest", null, null)).build(AS_OF);

    Result node = nodeQuery(wh.warehouseFile(), SPEND);
    assertNotEquals(0, node.exitCode(), node.out());
    assertTrue(node.err().contains("version number"), node.err());
  }

  @Test
  void aStorageVersionDuckDbDoesNotKnowIsAConfigurationError() {
    TestWarehouse wh = twoProviders(new TestWarehouse(tmp));
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () -> wh.warehouse(new WarehouseSettings("v0.99.0", null, null)).build(AS_OF));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("warehouse.storage_version 'v0.99.0'"), e.getMessage());
    assertTrue(!Files.exists(wh.warehouseFile()), "nothing published");
  }

  private static TestWarehouse twoProviders(TestWarehouse wh) {
    return wh.rows(
        CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00"),
        CostRow.charge("AWS", LocalDate.of(2026, 10, 2), "2.50"),
        CostRow.charge("Google Cloud", LocalDate.of(2026, 10, 1), "7.25"));
  }

  private record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Result nodeQuery(Path file, String sql) throws Exception {
    Path err = Files.createTempFile("duckdb-node", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder("node", "query.mjs", file.toString(), sql)
              .directory(client.toFile())
              .redirectError(err.toFile());
      Process p = start(pb);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node query took over a minute");
      return new Result(p.exitValue(), out, Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static Process process(Path dir, String... cmd) throws IOException {
    return start(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true));
  }

  private static Process start(ProcessBuilder pb) throws IOException {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException(
          pb.command().get(0)
              + " is not on the PATH: this test needs Node.js and npm (apt-get install -y nodejs"
              + " npm; .ci/run installs them)",
          e);
    }
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
