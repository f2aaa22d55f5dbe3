package dev.burnrate.tools;

import dev.burnrate.demo.s3.LocalS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code burnrate demo --storage s3}: the generated exports are served by an S3 API server in this
 * process (s3proxy on 127.0.0.1, a fresh random key pair) instead of lying in landing/, and the
 * demo's pipeline.yaml points every source at the bucket, so the nightly job pulls them first.
 */
final class DemoStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoStorage.class);
  static final String BUCKET = "burnrate-demo-exports";
  private final LocalS3Server server;
  private static final String KEY_ID = "aws.accessKeyId";
  private static final String SECRET = "aws.secretAccessKey";
  private final Map<String, String> env;
  private final boolean direct;

  /**
   * Starts the server; with {@code direct}, the sources are read by Spark from the bucket ({@code
   * storage.mode: direct}), and the key pair also goes to the AWS SDK's system properties, the part
   * of S3A's standard chain that a running process can set, until {@link #close}.
   */
  DemoStorage(boolean direct) {
    this.direct = direct;
    SecureRandom random = new SecureRandom();
    String keyId = "DEMO" + HexFormat.of().withUpperCase().formatHex(random.generateSeed(8));
    String secret = HexFormat.of().formatHex(random.generateSeed(20));
    this.server = new LocalS3Server(keyId, secret);
    server.createBucket(BUCKET);
    // the demo's credentials reach the pull step the standard way, as environment variables
    Map<String, String> e = new HashMap<>(System.getenv());
    e.keySet().removeIf(k -> k.startsWith("AWS_"));
    e.put("AWS_ACCESS_KEY_ID", keyId);
    e.put("AWS_SECRET_ACCESS_KEY", secret);
    this.env = Map.copyOf(e);
    if (direct) {
      System.setProperty(KEY_ID, keyId);
      System.setProperty(SECRET, secret);
    }
  }

  /** The environment the pull step should see. */
  Map<String, String> env() {
    return env;
  }

  /**
   * Moves {@code dir/landing/} into the bucket (as {@code s3://BUCKET/<path below landing>}) and
   * points {@code dir/conf/pipeline.yaml}'s sources at it.
   */
  void serve(Path dir) throws IOException {
    Path landing = dir.resolve("landing");
    int n = server.upload(landing, BUCKET, "");
    LOG.info("demo: {} export files served from s3://{} at {}", n, BUCKET, server.endpoint());
    try (Stream<Path> s = Files.walk(landing)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Path pipeline = dir.resolve("conf/pipeline.yaml");
    String yaml =
        Files.readString(pipeline).replace("path: \"landing/", "path: \"s3://" + BUCKET + "/");
    if (direct) {
      // OCI's reports are read directly only when the store never deletes them (a bucket's
      // retention would take rows with it): true of this demo bucket, so the demo says so
      yaml =
          yaml.replaceAll(
              "(    format: oci-cost\n    path: \"[^\"]*\"\n)", "$1    storage: {layout: files}\n");
    }
    yaml +=
        "# `burnrate demo --storage s3`: the sources are in a bucket of an S3 server that lived\n"
            + "# only as long as the demo; credentials came from the environment.\n"
            + "storage:\n"
            + "  endpoint: \""
            + server.endpoint()
            + "\"\n"
            + "  path_style: \"true\"\n"
            + (direct ? "  mode: direct\n" : "");
    Files.writeString(pipeline, yaml);
  }

  /** A re-delivery: every file below {@code from/landing/} replaces its object in the bucket. */
  void redeliver(Path from) {
    Path landing = from.resolve("landing");
    if (Files.isDirectory(landing)) {
      LOG.info("demo: {} re-delivered file(s) uploaded", server.upload(landing, BUCKET, ""));
    }
  }

  @Override
  public void close() {
    if (direct) {
      System.clearProperty(KEY_ID);
      System.clearProperty(SECRET);
    }
    server.close();
  }
}
