package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.testing.ConsoleRun;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.demo.s3.LocalS3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burnrate pull} through the command: exit codes and what the run record keeps (never a
 * secret). The demo read from S3, copied and direct, runs in .ci/run against the generator's totals
 * and the local-disk demo; {@link DirectStorageTest} compares the direct and copied lakes.
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
      Path conf =
          PipelineYaml.dataDir("../data")
              .storage(Map.of("endpoint", server.endpoint(), "path_style", true))
              .source(Source.of("aws", "focus", "s3://bills/focus/*.csv"))
              .writeTo(dir.resolve("conf"));
      // the SDK's standard chain reads these system properties first (the environment is fixed)
      System.setProperty("aws.accessKeyId", keyId);
      System.setProperty("aws.secretAccessKey", wrong);
      ConsoleRun denied =
          ConsoleRun.of(
              Burnrate::execute, "pull", "--conf", conf.toString(), "--date", "2026-10-31");
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
      ConsoleRun first =
          ConsoleRun.of(
              Burnrate::execute, "pull", "--conf", conf.toString(), "--date", "2026-10-31");
      assertEquals(0, first.exitCode(), first.err());
      assertTrue(first.out().contains("downloaded=1\t"), first.out());
      assertEquals("a,1\n", Files.readString(dir.resolve("data/landing/aws/2026-10.csv")));
      ConsoleRun again =
          ConsoleRun.of(
              Burnrate::execute, "pull", "--conf", conf.toString(), "--date", "2026-10-31");
      assertTrue(again.out().contains("downloaded=0\t"), again.out());
      assertTrue(again.out().contains("requests=1\t"), again.out());
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
