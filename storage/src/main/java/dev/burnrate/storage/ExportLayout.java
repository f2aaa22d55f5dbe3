package dev.burnrate.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.config.OciReports;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.StorageLayout;
import dev.burnrate.core.config.StorageOptions;
import dev.burnrate.core.manifest.ExportManifest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a provider lays out its exports in the store, and so which of the listed objects are the
 * current export (source option {@code storage.layout}, {@link StorageLayout}). The manifests are
 * recognised and read by {@link ExportManifest}.
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
enum ExportLayout {
  AUTO(StorageLayout.AUTO, ExportManifest.Kind.values()),
  FILES(StorageLayout.FILES),
  AWS_CUR(StorageLayout.AWS_CUR, ExportManifest.Kind.AWS_CUR),
  AWS_DATA_EXPORTS(StorageLayout.AWS_DATA_EXPORTS, ExportManifest.Kind.AWS_DATA_EXPORTS),
  AZURE_EXPORT(StorageLayout.AZURE_EXPORT, ExportManifest.Kind.AZURE_EXPORT),
  OCI(StorageLayout.OCI);

  private final StorageLayout option;
  private final List<ExportManifest.Kind> manifests;

  ExportLayout(StorageLayout option, ExportManifest.Kind... manifests) {
    this.option = option;
    this.manifests = List.of(manifests);
  }

  /**
   * A source's layout from its storage options ({@link PipelineConfig#storageOptions}): {@code
   * auto} becomes {@code oci} for a source that reads OCI's reports as a whole ({@link
   * OciReports#keepsDeleted}).
   */
  static ExportLayout of(SourceConfig source, StorageOptions options) {
    ExportLayout l =
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

  /**
   * The current delivery of every period that has a manifest this layout reads, keyed by its scope
   * (the key prefix of the period's data files): of a period's manifests, the latest delivered. A
   * manifest in {@code known} with the listed entity tag is reused; any other is read.
   */
  Manifests manifests(
      List<StoredObject> listed, Map<String, Manifest> known, Function<StoredObject, byte[]> read) {
    Map<String, Manifest> out = new LinkedHashMap<>();
    Map<String, Manifest> byKey = new TreeMap<>();
    for (StoredObject o : listed) {
      Optional<ExportManifest.Kind> kind =
          ExportManifest.Kind.of(o.key()).filter(manifests::contains);
      if (kind.isEmpty()) {
        continue;
      }
      Manifest man = known.get(o.key());
      if (man == null || !man.etag().equals(o.etag())) {
        ExportManifest m =
            ExportManifest.read(
                kind.get(), o.key(), o.lastModified(), new ByteArrayInputStream(read.apply(o)));
        man = new Manifest(o.etag(), m.scope(), m.id(), m.delivered(), new HashSet<>(m.files()));
      }
      byKey.put(o.key(), man);
      Manifest before = out.get(man.scope());
      if (before == null || man.submitted().isAfter(before.submitted())) {
        out.put(man.scope(), man);
      }
    }
    return new Manifests(out, byKey);
  }
}
