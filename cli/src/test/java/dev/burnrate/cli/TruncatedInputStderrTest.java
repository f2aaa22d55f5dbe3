package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest that meets a truncated gzip, run as the operator runs it (its own process, the shipped
 * log4j2.xml): stderr holds burnrate's one-line message, not Spark's executor ERROR and the lost
 * task's WARN, each with a stack trace of some 100 lines. With BURNRATE_LOG_LEVEL=debug they are
 * shown. The file: a FOCUS header and 20,000 rows, gzipped and cut to two thirds of its bytes, so
 * that the header is read and Spark's task meets the cut.
 */
class TruncatedInputStderrTest {
  @TempDir Path dir;

  private Path truncatedExport() throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,"
                + "ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ProviderName,"
                + "ServiceName,ResourceId\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append("acct-1,USD,2026-10-01,2026-11-01,2026-10-05,2026-10-06,Usage,1.00,1.00,AWS,")
          .append("Amazon EC2,i-")
          .append(i)
          .append('\n');
    }
    Path gz = dir.resolve("landing/focus/export.csv.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length * 2 / 3));
    PipelineYaml.dataDir("..")
        .reportingCurrency("USD")
        .source(Source.of("focus", "focus", "landing/focus/**"))
        .writeTo(dir.resolve("conf"));
    return gz;
  }

  /**
   * Runs {@code burnrate ingest} in a child process; returns its exit code, stderr in {@code err}.
   */
  private int ingest(Path err, String logLevel) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-Dlog4j"))
            .toList());
    cmd.add("-Dlog4j2.configurationFile=" + Burnrate.class.getResource("/log4j2.xml"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Burnrate.class.getName());
    cmd.addAll(List.of("ingest", "--conf", dir.resolve("conf").toString(), "--date", "2026-10-31"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("BURNRATE_LOG_LEVEL");
    if (logLevel != null) {
      pb.environment().put("BURNRATE_LOG_LEVEL", logLevel);
    }
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "ingest did not end");
    return p.exitValue();
  }

  @Test
  void aTruncatedGzipIsOneLineOnStderrUnlessDebugging() throws Exception {
    Path gz = truncatedExport();
    Path err = dir.resolve("stderr.txt");

    int code = ingest(err, null);

    String stderr = Files.readString(err);
    assertEquals(3, code, stderr);
    assertTrue(
        stderr.contains("burnrate: " + gz + ": cannot read: the compressed file is truncated"),
        stderr);
    assertTrue(!stderr.contains("\tat "), "no stack trace:\n" + stderr);
    assertTrue(!stderr.contains("Exception in task"), stderr);
    assertTrue(!stderr.contains("Lost task"), stderr);

    int debugCode = ingest(err, "debug");

    String debug = Files.readString(err);
    assertEquals(3, debugCode, debug);
    assertTrue(debug.contains("Exception in task"), "the executor's log when debugging");
  }
}
