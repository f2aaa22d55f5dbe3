package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.etl.generate.Generator;
import dev.burnrate.etl.generate.Totals;
import dev.burnrate.storage.LocalS3Server;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate pull} and the demo's S3 delivery through the command: exit codes, what the run
 * record keeps (never a secret), and the same numbers as exports on local disk.
 */
class PullCommandTest {
  @TempDir Path dir;

  @Test
  void aWrongSecretExits2WithoutTheSecretThenARightOnePullsOnceAndOnlyOnce() throws Exception {
    String keyId = "AKIDPULLCOMMANDTEST";
    String secret = "right-Secret-0123456789-abcdefghij";
    String wrong = "wrong-Secret-9876543210-zyxwvutsrq";
    try (LocalS3Server server = new LocalS3Server(keyId, secret)) {
      server.createBucket("bills");
      server.put("bills", "focus/2026-10.csv", "a,1\n".getBytes(StandardCharsets.UTF_8));
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Files.writeString(
          conf.resolve("pipeline.yaml"),
          "data_dir: ../data\nstorage: {endpoint: \""
              + server.endpoint()
              + "\", path_style: \"true\"}\n"
              + "sources:\n  - {name: aws, format: focus, path: \"s3://bills/focus/*.csv\"}\n");
      // the SDK's standard chain reads these system properties first (the environment is fixed)
      System.setProperty("aws.accessKeyId", keyId);
      System.setProperty("aws.secretAccessKey", wrong);
      CliRun denied = CliRun.of("pull", "--conf", conf.toString(), "--date", "2026-10-31");
      assertEquals(2, denied.exitCode(), denied.err());
      assertTrue(denied.err().contains("burnrate: source 'aws': s3://bills"), denied.err());
      assertTrue(denied.err().contains("access denied"), denied.err());
      assertFalse(denied.err().contains("\tat "), "no stack trace: " + denied.err());
      assertFalse(denied.err().contains(wrong), denied.err());
      try (Stream<Path> records = Files.list(dir.resolve("data/runs"))) {
        for (Path r : records.toList()) {
          String json = Files.readString(r);
          assertTrue(json.contains("access denied"), json);
          assertFalse(json.contains(wrong), "no secret in the run record: " + json);
        }
      }

      System.setProperty("aws.secretAccessKey", secret);
      CliRun first = CliRun.of("pull", "--conf", conf.toString(), "--date", "2026-10-31");
      assertEquals(0, first.exitCode(), first.err());
      assertTrue(first.out().contains("downloaded=1\t"), first.out());
      assertEquals("a,1\n", Files.readString(dir.resolve("data/landing/aws/2026-10.csv")));
      CliRun again = CliRun.of("pull", "--conf", conf.toString(), "--date", "2026-10-31");
      assertTrue(again.out().contains("downloaded=0\t"), again.out());
      assertTrue(again.out().contains("requests=1\t"), again.out());
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  /**
   * The demo with Spark reading the bucket itself (storage.mode direct); the copy mode's demo runs
   * in .ci/run and its lake equals the direct one's in {@link DirectStorageTest}.
   */
  @Test
  void theDemoReadFromS3DirectlyGivesTheGeneratorsTotals() throws Exception {
    LocalDate asOf = LocalDate.parse("2026-10-20");
    Path demo = dir.resolve("demo");
    Generator.generate(new Generator.Options(demo, 1, 42, asOf, 35, 0));
    try (DemoStorage bucket = new DemoStorage(true)) {
      Path pdf = DemoCommand.run(demo, asOf, bucket);
      assertTrue(Files.isRegularFile(pdf), pdf.toString());
    }
    assertFalse(Files.exists(demo.resolve("landing")), "nothing read from or copied to landing");
    assertTrue(Files.readString(demo.resolve("conf/pipeline.yaml")).contains("mode: direct"));
    try (Stream<Path> plans = Files.list(demo.resolve("pull"))) {
      assertTrue(
          plans.anyMatch(p -> p.getFileName().toString().endsWith(".plan.json")),
          "the pull wrote plans, not copies");
    }

    Totals totals = Totals.read(demo.resolve(Totals.FILE));
    Map<String, BigDecimal> expected = new HashMap<>();
    for (Totals.ProviderTotal p : totals.finalTotals().providers()) {
      expected.put(p.provider() + "|" + p.billingCurrency(), p.billedCost());
    }
    CliRun sql =
        CliRun.of(
            "sql",
            "--conf",
            demo.resolve("conf").toString(),
            "--format",
            "csv",
            "select ProviderName, BillingCurrency, sum(BilledCost) from focus_cost group by all");
    assertEquals(0, sql.exitCode(), sql.err());
    Map<String, BigDecimal> lake = new HashMap<>();
    sql.out()
        .lines()
        .skip(1)
        .map(l -> l.split(","))
        .forEach(c -> lake.put(c[0] + "|" + c[1], new BigDecimal(c[2])));
    assertEquals(expected.keySet(), lake.keySet());
    expected.forEach(
        (k, v) -> assertEquals(0, v.compareTo(lake.get(k)), k + ": " + v + " vs " + lake.get(k)));
  }
}
