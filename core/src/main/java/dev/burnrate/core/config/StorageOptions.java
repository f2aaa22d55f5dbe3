package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;

/**
 * How an object-store source is reached and read: pipeline.yaml's top-level {@code storage:} block
 * (defaults for every object-store source) and a source's own {@code storage:} block, whose keys
 * win one by one ({@link PipelineConfig#storageOptions}). Never credentials: those come from the
 * environment. As read, a key that is not written is null.
 *
 * @param endpoint the store's URL, for an S3-compatible store (OCI, CoreWeave, MinIO) or an Azure
 *     emulator; default: the provider's own endpoint
 * @param pathStyle S3 path-style access ({@code https://host/bucket/key}); default false
 * @param region the S3 region; default {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else
 *     us-east-1
 * @param layout how the provider lays out its deliveries; default {@link StorageLayout#AUTO}
 * @param mode copy or read in place; default {@link StorageMode#AUTO}
 */
public record StorageOptions(
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("path_style") Boolean pathStyle,
    @JsonProperty("region") String region,
    @JsonProperty("layout") StorageLayout layout,
    @JsonProperty("mode") StorageMode mode) {

  /** No key written. */
  public static final StorageOptions NONE = new StorageOptions(null, null, null, null, null);

  /** The defaults, which {@link #over} fills in last. */
  static final StorageOptions DEFAULTS =
      new StorageOptions(null, false, null, StorageLayout.AUTO, StorageMode.AUTO);

  public StorageOptions {
    endpoint = blankToNull(endpoint);
    region = blankToNull(region);
    if (endpoint != null && !isHttpUrl(endpoint)) {
      throw new Yaml.InvalidValue(
          "endpoint", "'" + endpoint + "' is not an http:// or https:// URL");
    }
  }

  /** These settings, each key not written here taken from {@code base}. */
  public StorageOptions over(StorageOptions base) {
    return new StorageOptions(
        endpoint != null ? endpoint : base.endpoint,
        pathStyle != null ? pathStyle : base.pathStyle,
        region != null ? region : base.region,
        layout != null ? layout : base.layout,
        mode != null ? mode : base.mode);
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI uri = new URI(s);
      return uri.getAuthority() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
