package dev.burnrate.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.OciReports;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.StorageLayout;
import dev.burnrate.core.config.StorageOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a provider lays out its deliveries in the store, and so which of the listed objects are the
 * current export (source option {@code storage.layout}, {@link StorageLayout}).
 *
 * <ul>
 *   <li>{@code auto} (default): every rule below at once, each where its keys say it applies. A
 *       listed object whose key is one of the manifest patterns below is read with that pattern's
 *       rule and decides its period; so one prefix may hold a legacy CUR, a Data Export and an
 *       Azure export side by side. A source is incremental (the {@code oci} rule) when its format
 *       is {@code oci-cost} or its path lies in OCI's report folders ({@link OciReports}); under
 *       any other path, objects whose keys lie in those folders ({@code reports/cost-csv/}, {@code
 *       FOCUS Reports/}) follow the {@code oci} rule one by one. Every other object is handled as
 *       in {@code files}.
 *   <li>{@code files}: every object the glob matches; an object deleted in the store leaves
 *       landing.
 *   <li>{@code aws-cur}: legacy CUR. Each billing period folder {@code .../YYYYMMDD-YYYYMMDD/}
 *       holds {@code <report>-Manifest.json}, whose {@code assemblyId} names the current assembly
 *       and {@code reportKeys} its files. Objects of the period that the manifest does not list (an
 *       earlier assembly) are not current: a new assembly id restates the period and its earlier
 *       files leave landing (or the plan), so the ingest replaces the period instead of adding to
 *       it.
 *   <li>{@code aws-data-exports}: CUR 2.0 and FOCUS exports of AWS Data Exports. {@code
 *       .../metadata/BILLING_PERIOD=P/<export>-Manifest.json} lists in {@code dataFiles} the
 *       current files of {@code .../data/BILLING_PERIOD=P/}; its {@code executionId} changes with
 *       every re-delivery.
 *   <li>{@code azure-export}: Cost Management exports. Each run writes {@code
 *       .../YYYYMMDD-YYYYMMDD/<runId>/} with a {@code manifest.json} ({@code runInfo.runId}, {@code
 *       runInfo.submittedTime}, {@code blobs[].blobName}); the latest run of a period is current.
 *   <li>{@code oci}: OCI cost and FOCUS reports: incremental files (each holds only new rows), each
 *       new one is read once; a report the bucket's retention removes keeps its landing copy, so
 *       its month never loses those rows. Only a copy can do that: never read in direct mode.
 * </ul>
 *
 * Manifests themselves never land: the ingest reads export files only. A period whose manifest
 * lists a file the store does not hold yet is a delivery still being written: the period keeps its
 * previous landing copy until the next pull. Objects that no manifest covers land as they are, with
 * the store's last-modified time, which orders re-deliveries in the ingest.
 */
enum DeliveryLayout {
  AUTO(StorageLayout.AUTO, null, null),
  FILES(StorageLayout.FILES, null, null),
  AWS_CUR(
      StorageLayout.AWS_CUR,
      Pattern.compile("(.*/\\d{8}-\\d{8}/)[^/]+-Manifest\\.json"),
      DeliveryLayout::awsCur),
  AWS_DATA_EXPORTS(
      StorageLayout.AWS_DATA_EXPORTS,
      Pattern.compile("(.*/)metadata/(BILLING_PERIOD=[^/]+/)[^/]*Manifest\\.json"),
      DeliveryLayout::awsDataExports),
  AZURE_EXPORT(
      StorageLayout.AZURE_EXPORT,
      Pattern.compile("(.*/\\d{8}-\\d{8}/)[^/]+/manifest\\.json", Pattern.CASE_INSENSITIVE),
      DeliveryLayout::azureExport),
  OCI(StorageLayout.OCI, null, null);

  /** The layouts whose manifests {@code auto} recognises; no key matches two of their patterns. */
  private static final List<DeliveryLayout> MANIFEST_RULES =
      List.of(AWS_CUR, AWS_DATA_EXPORTS, AZURE_EXPORT);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final StorageLayout option;
  private final Pattern manifest;
  private final Function<Parsed, Manifest> reader;

  DeliveryLayout(StorageLayout option, Pattern manifest, Function<Parsed, Manifest> reader) {
    this.option = option;
    this.manifest = manifest;
    this.reader = reader;
  }

  /**
   * A source's layout from its storage options ({@link PipelineConfig#storageOptions}): {@code
   * auto} becomes {@code oci} for a source that reads OCI's reports as a whole ({@link
   * OciReports#keepsDeleted}).
   */
  static DeliveryLayout of(SourceConfig source, StorageOptions options) {
    DeliveryLayout l =
        Arrays.stream(values()).filter(d -> d.option == options.layout()).findFirst().orElseThrow();
    return l == AUTO && OciReports.keepsDeleted(source, options) ? OCI : l;
  }

  /**
   * True when the object at {@code key} keeps its landing copy after the store deletes it (an
   * incremental report): every object in {@code oci}, OCI's report keys in {@code auto}.
   */
  boolean keepsDeleted(String key) {
    return this == OCI || (this == AUTO && OciReports.isReportKey(key));
  }

  /**
   * One period's delivery, as its manifest says; kept in the ledger with the manifest's entity tag
   * so that an unchanged manifest is not read again.
   */
  record Manifest(
      @JsonProperty("etag") String etag,
      @JsonProperty("scope") String scope,
      @JsonProperty("id") String id,
      @JsonProperty("submitted") Instant submitted,
      @JsonProperty("keys") Set<String> keys) {}

  /** The current delivery per period scope, and every manifest read or reused (by key). */
  record Manifests(Map<String, Manifest> current, Map<String, Manifest> byKey) {}

  /** A manifest object's parsed body with the scope its key pattern captured. */
  record Parsed(String scope, JsonNode body, StoredObject object) {}

  /**
   * The current delivery of every period that has a manifest, keyed by its scope (the key prefix of
   * the period's data files). A manifest in {@code known} with the listed entity tag is reused; any
   * other is read.
   */
  Manifests manifests(
      List<StoredObject> listed, Map<String, Manifest> known, Function<StoredObject, byte[]> read) {
    Map<String, Manifest> out = new LinkedHashMap<>();
    Map<String, Manifest> byKey = new TreeMap<>();
    List<DeliveryLayout> rules =
        this == AUTO ? MANIFEST_RULES : manifest == null ? List.of() : List.of(this);
    for (StoredObject o : listed) {
      DeliveryLayout rule = null;
      Matcher m = null;
      for (DeliveryLayout r : rules) {
        m = r.manifest.matcher(o.key());
        if (m.matches()) {
          rule = r;
          break;
        }
      }
      if (rule == null) {
        continue;
      }
      String scope = m.groupCount() == 2 ? m.group(1) + "data/" + m.group(2) : m.group(1);
      Manifest man = known.get(o.key());
      if (man == null || !man.etag().equals(o.etag())) {
        JsonNode body;
        try {
          body = JSON.readTree(read.apply(o));
        } catch (IOException e) {
          throw BurnrateException.input(
              o.key() + ": the delivery manifest is not valid JSON (" + e.getMessage() + ")");
        }
        man = rule.reader.apply(new Parsed(scope, body, o));
      }
      byKey.put(o.key(), man);
      Manifest before = out.get(scope);
      if (before == null || man.submitted().isAfter(before.submitted())) {
        out.put(scope, man);
      }
    }
    return new Manifests(out, byKey);
  }

  /** True for an object that is a delivery manifest rather than export data. */
  static boolean isManifest(StoredObject o) {
    return o.key().toLowerCase(Locale.ROOT).endsWith("manifest.json");
  }

  private static Manifest awsCur(Parsed p) {
    return new Manifest(
        p.object().etag(),
        p.scope(),
        text(p, "assemblyId"),
        p.object().lastModified(),
        strings(p, p.body().path("reportKeys"), Function.identity()));
  }

  private static Manifest awsDataExports(Parsed p) {
    return new Manifest(
        p.object().etag(),
        p.scope(),
        text(p, "executionId"),
        p.object().lastModified(),
        strings(p, p.body().path("dataFiles"), DeliveryLayout::keyOfUri));
  }

  private static Manifest azureExport(Parsed p) {
    JsonNode run = p.body().path("runInfo");
    String submitted = run.path("submittedTime").asText(null);
    Instant at;
    try {
      at = submitted == null ? p.object().lastModified() : Instant.parse(submitted);
    } catch (java.time.format.DateTimeParseException e) {
      at = p.object().lastModified();
    }
    List<String> names = new ArrayList<>();
    p.body().path("blobs").forEach(b -> names.add(b.path("blobName").asText("")));
    return new Manifest(
        p.object().etag(),
        p.scope(),
        run.path("runId").asText(p.object().key()),
        at,
        checked(p, names, "blobs"));
  }

  private static String text(Parsed p, String field) {
    String v = p.body().path(field).asText(null);
    if (v == null || v.isBlank()) {
      throw BurnrateException.input(
          p.object().key() + ": the delivery manifest has no '" + field + "'");
    }
    return v;
  }

  private static Set<String> strings(Parsed p, JsonNode array, Function<String, String> key) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(key.apply(n.asText(""))));
    return checked(p, out, "file list");
  }

  private static Set<String> checked(Parsed p, List<String> keys, String what) {
    if (keys.isEmpty() || keys.contains("")) {
      throw BurnrateException.input(
          p.object().key()
              + ": the delivery manifest's "
              + what
              + " is empty or has a blank entry");
    }
    return new HashSet<>(keys);
  }

  /** {@code s3://bucket/key} to {@code key}; a bare key stays as it is. */
  static String keyOfUri(String uri) {
    if (uri.startsWith("s3://")) {
      int slash = uri.indexOf('/', 5);
      return slash < 0 ? "" : uri.substring(slash + 1);
    }
    return uri;
  }

  /** The manifest scope an object's key falls in (the longest), or null. */
  static String scopeOf(String key, Map<String, Manifest> manifests) {
    String best = null;
    for (String scope : manifests.keySet()) {
      if (key.startsWith(scope) && (best == null || scope.length() > best.length())) {
        best = scope;
      }
    }
    return best;
  }

  /** Objects by key, for lookups. */
  static Map<String, StoredObject> byKey(List<StoredObject> listed) {
    Map<String, StoredObject> m = new HashMap<>();
    listed.forEach(o -> m.put(o.key(), o));
    return m;
  }
}
