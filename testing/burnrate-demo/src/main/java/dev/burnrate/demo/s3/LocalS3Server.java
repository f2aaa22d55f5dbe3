package dev.burnrate.demo.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 API server on 127.0.0.1 (s3proxy, in memory), for the tests and {@code burnrate demo
 * --storage s3}; it checks AWS signatures against one key pair. The caller brings the optional
 * s3proxy dependency. {@link #stop} and {@link #start} again on the same port simulate a server
 * that goes away and comes back (the objects survive).
 */
public final class LocalS3Server implements AutoCloseable {
  private final String accessKey;
  private final String secretKey;
  private final TransientNio2BlobStore blobs = new TransientNio2BlobStore();
  private final int port;
  private S3Proxy proxy;
  private S3Client client;

  /** Starts a server that accepts requests signed with this key pair. */
  public LocalS3Server(String accessKey, String secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.port = freePort();
    start();
  }

  /** Starts (again) on the same port. */
  public void start() {
    proxy =
        S3Proxy.builder()
            .blobStore(blobs)
            .endpoint(URI.create(endpoint()))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .build();
    try {
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start on " + endpoint(), e);
    }
  }

  /** Stops listening; the objects are kept for {@link #start}. */
  public void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the source option {@code endpoint} (with path-style). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A client signed with the server's key pair, for uploading test and demo exports. */
  public S3Client client() {
    if (client == null) {
      client =
          S3Client.builder()
              .httpClient(UrlConnectionHttpClient.create())
              .endpointOverride(URI.create(endpoint()))
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(accessKey, secretKey)))
              .build();
    }
    return client;
  }

  /** Creates a bucket. */
  public void createBucket(String bucket) {
    client().createBucket(b -> b.bucket(bucket));
  }

  /** Writes one object. */
  public void put(String bucket, String key, byte[] content) {
    client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
  }

  /** Deletes one object. */
  public void delete(String bucket, String key) {
    client().deleteObject(b -> b.bucket(bucket).key(key));
  }

  /** Uploads every file below {@code dir} as {@code prefix + relative path}; returns the count. */
  public int upload(Path dir, String bucket, String prefix) {
    try (Stream<Path> files = Files.walk(dir)) {
      int n = 0;
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        client()
            .putObject(b -> b.bucket(bucket).key(prefix + rel), RequestBody.fromFile(f.toFile()));
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
