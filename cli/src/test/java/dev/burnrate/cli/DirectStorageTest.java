package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.PullPlan;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.demo.s3.LocalS3Server;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.IngestJob;
import dev.burnrate.etl.ingest.IngestResult;
import dev.burnrate.storage.PullResult;
import dev.burnrate.storage.PullStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage.mode: direct}: the pull step only lists and writes the plan, and the real ingest
 * reads the current delivery from an S3 server (s3proxy on loopback) through S3A. The lake must
 * equal the copy mode's, across a restated billing period, with nothing copied to landing.
 */
class DirectStorageTest {
  private static final String KEY = "AKIDDIRECTTEST";
  private static final String SECRET = "direct-Secret-0123456789-abcdefghij";
  private static final String BUCKET = "direct-exports";
  private static final String PREFIX = "exports/focus/";
  private static final LocalDate END = LocalDate.parse("2026-11-02");

  @TempDir Path dir;

  @Test
  void sparkReadsTheCurrentDeliveryFromTheStoreAndTheLakeEqualsTheCopys() throws Exception {
    Path generated = SmallPipeline.create(dir.resolve("gen"), END, 4);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(generated.resolve("landing/focus/aws"))) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    assertEquals(2, files.size(), "one FOCUS file for October, one for November: " + files);
    SparkSession spark =
        SparkSessions.create(
            "local[2]", Map.of("spark.sql.shuffle.partitions", "2"), "burnrate-tests");
    // the job's S3A credentials: set by whoever starts it (here the test), never from conf/
    spark.sparkContext().hadoopConfiguration().set("fs.s3a.bucket." + BUCKET + ".access.key", KEY);
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs.s3a.bucket." + BUCKET + ".secret.key", SECRET);
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET);

    try (LocalS3Server server = new LocalS3Server(KEY, SECRET)) {
      server.createBucket(BUCKET);
      for (Path f : files) {
        deliver(server, period(f), "e1", f.getFileName().toString(), Files.readAllBytes(f));
      }
      PipelineConfig copy = config(server, "copy");
      PipelineConfig direct = config(server, "direct");

      PullResult first = PullStep.run(direct, env).get(0);
      assertEquals("direct", first.mode());
      assertEquals(0, first.downloaded());
      assertEquals(2, first.current());
      IngestJob.run(spark, direct, END);

      // October is restated: a new execution with one line less replaces the first one
      Path october = files.get(0);
      byte[] restated = dropLastLine(Files.readAllBytes(october), october.toString());
      deliver(server, "2026-10", "e2", october.getFileName().toString(), restated);
      PullResult second = PullStep.run(direct, env).get(0);
      assertEquals(1, second.restated());
      assertEquals(2, second.current(), "the earlier execution's file is not current");
      IngestResult directRun = IngestJob.run(spark, direct, END);
      assertEquals(1, directRun.unitsReplaced());
      PullStep.run(copy, env);
      IngestJob.run(spark, copy, END);
      Map<String, String> lake = sums(spark, direct);
      assertEquals(sums(spark, copy), lake);
      assertTrue(lake.keySet().stream().anyMatch(k -> k.contains("2026-10")), lake.toString());

      List<String> planned =
          PullPlan.read(direct, direct.sources().get(0)).objects().stream()
              .map(PullPlan.Entry::uri)
              .toList();
      assertTrue(
          planned.stream().allMatch(u -> u.startsWith("s3a://" + BUCKET + "/")),
          planned.toString());
      assertTrue(planned.stream().anyMatch(u -> u.contains("/e2/")), planned.toString());
      assertFalse(
          planned.stream().anyMatch(u -> u.contains("/e1/aws-focus-2026-10")), planned.toString());
      Path data = direct.dataDir();
      assertFalse(Files.exists(data.resolve("landing")), "nothing copied to landing");
      assertFalse(Files.exists(data.resolve("pull/staging/aws")), "nothing staged");

      PullResult quiet = PullStep.run(direct, env).get(0);
      assertEquals(1, quiet.requests(), "a no-change pull is one LIST request");
      assertEquals(2, quiet.unchanged());
      org.apache.hadoop.fs.StorageStatistics s3a =
          org.apache.hadoop.fs.FileSystem.get(
                  java.net.URI.create("s3a://" + BUCKET + "/"),
                  spark.sparkContext().hadoopConfiguration())
              .getStorageStatistics();
      long lists = s3a.getLong("object_list_request");
      IngestResult again = IngestJob.run(spark, direct, END);
      assertEquals(0, again.unitsNew() + again.unitsReplaced(), "nothing new to publish");
      // no listing of the store: Spark's file index only probes each planned object (S3A's
      // listStatus of a file path is one LIST of that key)
      long listed = s3a.getLong("object_list_request") - lists;
      assertTrue(listed <= planned.size(), listed + " LIST requests for " + planned);
      assertEquals(lake, sums(spark, direct));
    }
  }

  /** One AWS Data Exports execution: the period's data file and the manifest naming it. */
  private static void deliver(
      LocalS3Server server, String period, String execution, String name, byte[] content) {
    String key = PREFIX + "data/BILLING_PERIOD=" + period + "/" + execution + "/" + name;
    server.put(BUCKET, key, content);
    server.put(
        BUCKET,
        PREFIX + "metadata/BILLING_PERIOD=" + period + "/focus-Manifest.json",
        ("{\"executionId\":\""
                + execution
                + "\",\"dataFiles\":[\"s3://"
                + BUCKET
                + "/"
                + key
                + "\"]}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private PipelineConfig config(LocalS3Server server, String mode) throws IOException {
    return PipelineYaml.dataDir("../data")
        .storage(Map.of("endpoint", server.endpoint(), "path_style", true, "mode", mode))
        .source(
            Source.of("aws", "focus", "s3://" + BUCKET + "/" + PREFIX)
                .storage(Map.of("layout", "aws-data-exports")))
        .load(dir.resolve(mode + "/conf"));
  }

  /** The lake's cost per provider, billing period and currency, as text. */
  private static Map<String, String> sums(SparkSession spark, PipelineConfig cfg) {
    Map<String, String> out = new TreeMap<>();
    for (Row r :
        spark
            .read()
            .parquet(cfg.layout().lakeCost().toString())
            .groupBy("provider", "period", "BillingCurrency")
            .sum("BilledCost")
            .collectAsList()) {
      out.put(r.get(0) + "|" + r.get(1) + "|" + r.get(2), String.valueOf(r.get(3)));
    }
    return out;
  }

  private static String period(Path file) {
    return file.getParent().getFileName().toString();
  }

  private static byte[] dropLastLine(byte[] content, String name) throws IOException {
    boolean gz = name.endsWith(".gz");
    String text =
        new String(
            gz ? new GZIPInputStream(new ByteArrayInputStream(content)).readAllBytes() : content,
            StandardCharsets.UTF_8);
    String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    byte[] out =
        (trimmed.substring(0, trimmed.lastIndexOf('\n') + 1)).getBytes(StandardCharsets.UTF_8);
    if (!gz) {
      return out;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
      z.write(out);
    }
    return bytes.toByteArray();
  }
}
