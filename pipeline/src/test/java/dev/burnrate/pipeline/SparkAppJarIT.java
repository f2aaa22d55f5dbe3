package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Spark application jar holds what the job runs and nothing of the demo or the developer tools:
 * no generator, no loopback S3 server (nor s3proxy), no bench or demo command.
 */
class SparkAppJarIT {
  private static final Path JAR =
      Path.of("target/burnrate-spark-app.jar").toAbsolutePath().normalize();

  @Test
  void holdsTheJobAndNoneOfTheDemoOrTools() throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the pipeline module builds " + JAR);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      for (String needed :
          List.of(
              "dev/burnrate/pipeline/IngestMain.class",
              "dev/burnrate/etl/ingest/IngestJob.class",
              "dev/burnrate/etl/telemetry/TelemetryIngest.class",
              "mappings/aws-cur.yaml")) {
        assertTrue(names.contains(needed), "the jar holds " + needed);
      }
      List<String> outside =
          names.stream()
              .filter(
                  n ->
                      n.startsWith("dev/burnrate/demo/")
                          || n.startsWith("dev/burnrate/tools/")
                          || n.startsWith("dev/burnrate/cli/")
                          || n.startsWith("org/gaul/")
                          || n.startsWith("org/apache/spark/"))
              .toList();
      assertEquals(List.of(), outside, "not the product's job, or provided by the cluster");
    }
  }
}
