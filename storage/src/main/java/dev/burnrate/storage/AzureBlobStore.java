package dev.burnrate.storage;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.StorageOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * An Azure Blob Storage container (Cost Management exports). Credentials come only from the
 * environment and the standard chain: {@code AZURE_STORAGE_CONNECTION_STRING}, else {@code
 * AZURE_STORAGE_SAS_TOKEN}, else {@code AZURE_STORAGE_KEY} for the account the path names, else
 * Entra ID through azure-identity's {@code DefaultAzureCredential} (service principal or workload
 * identity in the environment, managed identity, Azure CLI login). The JDK's HTTP client carries
 * the requests (no Netty beside Spark's).
 */
final class AzureBlobStore implements ObjectStore {
  private final BlobContainerClient container;
  private final String where;
  private final AtomicLong requests = new AtomicLong();

  AzureBlobStore(ObjectStorePath path, StorageOptions options, Map<String, String> env) {
    this.where = path.location().substring(0, path.location().length() - path.prefix().length());
    HttpPipelinePolicy counter =
        new HttpPipelinePolicy() {
          @Override
          public Mono<com.azure.core.http.HttpResponse> process(
              com.azure.core.http.HttpPipelineCallContext context,
              com.azure.core.http.HttpPipelineNextPolicy next) {
            requests.incrementAndGet();
            return next.process();
          }

          @Override
          public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
          }
        };
    BlobServiceClientBuilder b =
        new BlobServiceClientBuilder()
            .httpClient(
                new JdkHttpClientBuilder().connectionTimeout(Duration.ofSeconds(10)).build())
            .retryOptions(
                new RequestRetryOptions(
                    RetryPolicyType.EXPONENTIAL,
                    3,
                    Duration.ofSeconds(60),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(4),
                    null))
            .addPolicy(counter);
    String endpoint =
        options.endpoint() != null
            ? options.endpoint()
            : path.endpoint() != null
                ? path.endpoint()
                : "https://" + path.account() + ".blob.core.windows.net";
    String connection = env.get("AZURE_STORAGE_CONNECTION_STRING");
    if (connection != null) {
      b.connectionString(connection);
    } else if (env.get("AZURE_STORAGE_SAS_TOKEN") != null) {
      b.endpoint(endpoint).sasToken(env.get("AZURE_STORAGE_SAS_TOKEN"));
    } else if (env.get("AZURE_STORAGE_KEY") != null) {
      b.endpoint(endpoint)
          .credential(new StorageSharedKeyCredential(path.account(), env.get("AZURE_STORAGE_KEY")));
    } else {
      // Entra ID: service principal or workload identity in the environment, managed identity,
      // the Azure CLI's login, ... (the token is fetched with the first request)
      b.endpoint(endpoint)
          .credential(
              new DefaultAzureCredentialBuilder()
                  .httpClient(new JdkHttpClientBuilder().build())
                  .build());
    }
    BlobServiceClient service;
    try {
      service = b.buildClient();
    } catch (IllegalArgumentException e) {
      // the SDK's message may quote the connection string; name the variable instead
      throw BurnrateException.config(
          where + ": AZURE_STORAGE_CONNECTION_STRING is malformed (not shown)");
    }
    if (!service.getAccountName().equals(path.account())) {
      throw BurnrateException.config(
          where
              + ": AZURE_STORAGE_CONNECTION_STRING is for account '"
              + service.getAccountName()
              + "', the source path names '"
              + path.account()
              + "'");
    }
    this.container = service.getBlobContainerClient(path.container());
  }

  @Override
  public List<StoredObject> list(String prefix) {
    try {
      List<StoredObject> out = new ArrayList<>();
      for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
        if (Boolean.TRUE.equals(item.isPrefix())) {
          continue;
        }
        out.add(
            new StoredObject(
                item.getName(),
                StoredObject.etag(item.getProperties().getETag()),
                item.getProperties().getContentLength(),
                item.getProperties().getLastModified().toInstant()));
      }
      return out;
    } catch (RuntimeException e) {
      throw error("cannot list " + prefix, e);
    }
  }

  @Override
  public void download(StoredObject o, Path target) {
    try {
      container
          .getBlobClient(o.key())
          .downloadToFileWithResponse(
              new BlobDownloadToFileOptions(target.toString())
                  .setRequestConditions(
                      new BlobRequestConditions().setIfMatch('"' + o.etag() + '"')),
              null,
              Context.NONE);
    } catch (RuntimeException e) {
      throw error("cannot download " + o.key(), e);
    }
  }

  @Override
  public byte[] read(StoredObject o) {
    try {
      return container.getBlobClient(o.key()).downloadContent().toBytes();
    } catch (RuntimeException e) {
      throw error("cannot read " + o.key(), e);
    }
  }

  @Override
  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    // the JDK HTTP client holds no resources that outlive the process's use of it
  }

  private BurnrateException error(String what, RuntimeException e) {
    String head = where + ": " + what + ": ";
    if (e instanceof ClientAuthenticationException || e instanceof CredentialUnavailableException) {
      // the SDK's text is not passed on: it may quote a token endpoint's answer
      return BurnrateException.config(
          head
              + "no Azure credential: none of AZURE_STORAGE_CONNECTION_STRING,"
              + " AZURE_STORAGE_SAS_TOKEN, AZURE_STORAGE_KEY is set, and Entra ID's default chain"
              + " (environment service principal AZURE_CLIENT_ID/AZURE_TENANT_ID with a secret or"
              + " certificate, workload identity, managed identity, Azure CLI, Azure PowerShell,"
              + " Azure Developer CLI) found no token");
    }
    if (e instanceof BlobStorageException s) {
      return StoreErrors.http(
          head,
          s.getStatusCode(),
          s.getErrorCode() == null ? null : s.getErrorCode().toString(),
          "AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_SAS_TOKEN or AZURE_STORAGE_KEY in the"
              + " environment");
    }
    return StoreErrors.unreachable(head, e);
  }
}
