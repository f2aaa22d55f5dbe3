package dev.burnrate.storage;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.StorageOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket through the AWS SDK for Java v2: AWS itself, or any S3-compatible store (OCI's
 * compatibility API, CoreWeave, MinIO, GCS interoperability) with source options {@code endpoint}
 * and {@code path_style: true}. Credentials come only from the standard chain: {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}[/{@code AWS_SESSION_TOKEN}] in the environment,
 * else the SDK's default provider chain (profile files, container and instance identity).
 */
final class S3Store implements ObjectStore {
  private final S3Client s3;
  private final String bucket;
  private final String where;
  private final AtomicLong requests = new AtomicLong();

  S3Store(ObjectStorePath path, StorageOptions options, Map<String, String> env) {
    this.bucket = path.container();
    String endpoint = options.endpoint();
    this.where = "s3://" + bucket + (endpoint == null ? "" : " at " + endpoint);
    S3ClientBuilder b =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(region(options, env)))
            .credentialsProvider(credentials(env))
            .forcePathStyle(options.pathStyle())
            // S3-compatible stores reject the newer default checksum headers; S3 needs none here
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeTransmission(
                              Context.BeforeTransmission context, ExecutionAttributes attributes) {
                            requests.incrementAndGet();
                          }
                        }));
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    this.s3 = b.build();
  }

  private static String region(StorageOptions options, Map<String, String> env) {
    String r = options.region();
    if (r == null) {
      r = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
    }
    return r;
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id != null && secret != null) {
      String token = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(
          token == null
              ? AwsBasicCredentials.create(id, secret)
              : AwsSessionCredentials.create(id, secret, token));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public List<StoredObject> list(String prefix) {
    try {
      List<StoredObject> out = new ArrayList<>();
      for (S3Object o :
          s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        out.add(new StoredObject(o.key(), StoredObject.etag(o.eTag()), o.size(), o.lastModified()));
      }
      return out;
    } catch (SdkException e) {
      throw error("cannot list " + prefix, e);
    }
  }

  @Override
  public void download(StoredObject o, Path target) {
    try {
      s3.getObject(
          r -> r.bucket(bucket).key(o.key()).ifMatch('"' + o.etag() + '"'),
          ResponseTransformer.toFile(target));
    } catch (SdkException e) {
      throw error("cannot download " + o.key(), e);
    }
  }

  @Override
  public byte[] read(StoredObject o) {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(o.key()), ResponseTransformer.toBytes())
          .asByteArray();
    } catch (SdkException e) {
      throw error("cannot read " + o.key(), e);
    }
  }

  @Override
  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    s3.close();
  }

  private BurnrateException error(String what, SdkException e) {
    String head = where + ": " + what + ": ";
    if (e instanceof S3Exception s) {
      return StoreErrors.http(
          head,
          s.statusCode(),
          s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode(),
          "the credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
              + " AWS_PROFILE, or the instance role)");
    }
    if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      return new BurnrateException(
          ExitCode.USAGE,
          head
              + "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE,"
              + " or run with an instance role");
    }
    return StoreErrors.unreachable(head, e);
  }
}
