package dev.burnrate.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's export manifest: the JSON file an export run writes beside its data files, naming
 * the delivery and listing its files (docs/deliveries.md). The pull step reads it to pick a store's
 * current objects, the ingest to rank the deliveries of landed files; both recognise and read it
 * here.
 *
 * @param location the manifest's key or path, for messages
 * @param kind the provider layout it belongs to
 * @param scope the key prefix (or path) of the billing period whose files it lists, ending in '/'
 * @param id the delivery: {@code assemblyId}, {@code executionId}, or Azure's {@code runInfo.runId}
 *     (the manifest's location when it has none)
 * @param delivered when the delivery was written: Azure's {@code runInfo.submittedTime}, else the
 *     manifest's own modification time
 * @param files the data files it lists, as keys below the bucket or container ({@code
 *     s3://bucket/key} becomes {@code key}); never empty, no entry blank
 */
public record ExportManifest(
    String location, Kind kind, String scope, String id, Instant delivered, List<String> files) {

  private static final Logger LOG = LoggerFactory.getLogger(ExportManifest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The layouts that write manifests; no key is a manifest of two of them. */
  public enum Kind {
    /**
     * AWS legacy CUR: {@code .../YYYYMMDD-YYYYMMDD/<report>-Manifest.json} in the period folder,
     * {@code assemblyId} and {@code reportKeys}.
     */
    AWS_CUR("(.*/\\d{8}-\\d{8}/)[^/]+-Manifest\\.json", "reportKeys"),
    /**
     * AWS Data Exports (CUR 2.0, FOCUS): {@code
     * .../metadata/BILLING_PERIOD=P/<export>-Manifest.json} lists in {@code dataFiles} the files of
     * {@code .../data/BILLING_PERIOD=P/}; {@code executionId} changes with every re-delivery.
     */
    AWS_DATA_EXPORTS("(.*/)metadata/(BILLING_PERIOD=[^/]+/)[^/]*Manifest\\.json", "dataFiles"),
    /**
     * Azure Cost Management exports: {@code .../YYYYMMDD-YYYYMMDD/<runId>/manifest.json} in each
     * run folder, {@code runInfo.runId}, {@code runInfo.submittedTime} and {@code
     * blobs[].blobName}.
     */
    AZURE_EXPORT("(.*/\\d{8}-\\d{8}/)[^/]+/manifest\\.json", "blobs");

    private final Pattern key;
    private final String filesField;

    Kind(String key, String filesField) {
      this.key = Pattern.compile(key, Pattern.CASE_INSENSITIVE);
      this.filesField = filesField;
    }

    /** The kind of manifest at {@code key} (an object key or a path), or empty for any other. */
    public static Optional<Kind> of(String key) {
      return Arrays.stream(values()).filter(k -> k.key.matcher(key).matches()).findFirst();
    }

    /** The period scope of this kind's manifest at {@code key}: where the files it lists lie. */
    String scopeOf(String key) {
      Matcher m = this.key.matcher(key);
      if (!m.matches()) {
        throw new IllegalArgumentException(key + " is not a manifest of " + this);
      }
      return this == AWS_DATA_EXPORTS ? m.group(1) + "data/" + m.group(2) : m.group(1);
    }
  }

  /**
   * True for a file a provider names as a manifest ({@code ...manifest.json}, any case), of a
   * layout {@link Kind} knows or not: a manifest is never export data.
   */
  public static boolean isManifestName(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith("manifest.json");
  }

  /**
   * Reads the manifest at {@code location} ({@link Kind#of} must have recognised it).
   *
   * @param modified the manifest's modification time
   * @throws BurnrateException exit 3 when the body is not JSON, has no delivery id where the layout
   *     requires one, or lists no file or a blank one
   */
  public static ExportManifest read(
      Kind kind, String location, Instant modified, InputStream body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw BurnrateException.input(
          location + ": the export manifest is not valid JSON (" + e.getMessage() + ")");
    }
    if (json == null || !json.isObject()) {
      throw BurnrateException.input(location + ": the export manifest is not a JSON object");
    }
    List<String> files = new ArrayList<>();
    String id;
    Instant delivered = modified;
    switch (kind) {
      case AWS_CUR -> {
        id = required(json, "assemblyId", location);
        json.path("reportKeys").forEach(n -> files.add(n.asText("")));
      }
      case AWS_DATA_EXPORTS -> {
        id = required(json, "executionId", location);
        json.path("dataFiles").forEach(n -> files.add(keyOfUri(n.asText(""))));
      }
      case AZURE_EXPORT -> {
        JsonNode run = json.path("runInfo");
        id = run.path("runId").asText(location);
        delivered = submitted(run.path("submittedTime").asText(null), location, modified);
        json.path("blobs").forEach(b -> files.add(b.path("blobName").asText("")));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    if (files.isEmpty() || files.stream().anyMatch(String::isBlank)) {
      throw BurnrateException.input(
          location
              + ": the export manifest's "
              + kind.filesField
              + " is empty or has a blank entry");
    }
    return new ExportManifest(
        location, kind, kind.scopeOf(location), id, delivered, List.copyOf(files));
  }

  private static String required(JsonNode json, String field, String location) {
    String v = json.path(field).asText(null);
    if (v == null || v.isBlank()) {
      throw BurnrateException.input(location + ": the export manifest has no '" + field + "'");
    }
    return v;
  }

  /** Azure's submittedTime, or {@code modified} when it is absent or not a UTC time. */
  private static Instant submitted(String text, String location, Instant modified) {
    if (text == null) {
      return modified;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      LOG.warn(
          "{}: runInfo.submittedTime '{}' is not a UTC time; the manifest's modification time"
              + " orders its run",
          location,
          text);
      return modified;
    }
  }

  /** {@code s3://bucket/key} to {@code key} ({@code ""} without a key); a bare key stays. */
  private static String keyOfUri(String uri) {
    if (uri.startsWith("s3://")) {
      int slash = uri.indexOf('/', 5);
      return slash < 0 ? "" : uri.substring(slash + 1);
    }
    return uri;
  }
}
