package dev.burnrate.demo;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.demo.Delivery.Part;
import dev.burnrate.demo.Exports.Export;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Opens the {@link Delivery} of an {@link Export}'s month with its provider's paths and manifest:
 *
 * <ul>
 *   <li>legacy CUR: {@code <dir>/<YYYYMMDD-YYYYMMDD>/<assemblyId>/<report>-1.csv.gz}, {@code -2},
 *       ... and {@code <dir>/<YYYYMMDD-YYYYMMDD>/<report>-Manifest.json} ({@code assemblyId},
 *       {@code reportKeys}, {@code billingPeriod}); a re-delivery is a new assembly folder that the
 *       rewritten manifest names, the old one stays (as {@code aws s3 sync} leaves it);
 *   <li>CUR's Athena integration: {@code <dir>/<report>/<report>/year=YYYY/month=M/<report>-00001
 *       .snappy.parquet}, ...;
 *   <li>Data Exports: {@code <dir>/data/BILLING_PERIOD=YYYY-MM/<export>-00001.csv.gz}, ... and
 *       {@code <dir>/metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json} ({@code executionId},
 *       {@code dataFiles} as s3:// URIs);
 *   <li>Cost Management: {@code <dir>/<YYYYMMDD-YYYYMMDD>/<runId>/part_0_0001.csv[.gz]}, ... with
 *       {@code manifest.json} ({@code runInfo}, {@code blobs[]}) in the run folder; unpartitioned:
 *       {@code <export>_<runId>.csv.gz} alone in it;
 *   <li>{@code bq extract}: {@code <dir>/<name>-000000000000.csv}, {@code -000000000001}, ...;
 *   <li>OCI: six-hourly incremental reports ({@link Delivery#ociIncremental}).
 * </ul>
 *
 * <p>Object keys in manifests are paths below {@code landing/} (the bucket's root: the demo's S3
 * storage serves landing/ as a bucket).
 */
final class ProviderLayouts {
  /** The bucket the AWS manifests name. */
  static final String BUCKET = "meridian-billing-exports";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CUR_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT);

  private ProviderLayouts() {}

  /**
   * Rows per part before a month continues in a new part, at scale 1 (times the scale): small
   * enough that a full month of the demo has two or three parts, as a big month has many.
   */
  static long partRows(Export e) {
    return switch (e.layout()) {
      case SINGLE -> Long.MAX_VALUE;
      case CUR_ASSEMBLY, ATHENA_PARQUET, DATA_EXPORT -> 350;
      case AZURE_RUN -> 80;
      case AZURE_RUN_SINGLE -> Long.MAX_VALUE;
      case BQ_SHARDS -> 300;
      case OCI_INCREMENTAL -> 5;
    };
  }

  /**
   * @param root the output folder, or its {@code restated/} folder for a re-delivery
   * @param restated true for the re-delivery (a new assembly, execution or run)
   */
  static Delivery open(
      Export e, Path root, boolean restated, long seed, Window w, int scale, Delivery.Sinks sinks) {
    YearMonth m = e.month();
    long limit = partRows(e) == Long.MAX_VALUE ? Long.MAX_VALUE : partRows(e) * scale;
    SplittableRandom r =
        Rng.of(seed, "delivery", e.source(), String.valueOf(e.account()), m.toString(), restated);
    String dir = e.dir();
    return switch (e.layout()) {
      case SINGLE -> Delivery.sequential(root, sinks, i -> dir + "/" + e.name(), limit, null);
      case CUR_ASSEMBLY -> {
        String period = dir + "/" + Exports.curPeriod(m);
        String assembly = Rng.uuid(r);
        yield Delivery.sequential(
            root,
            sinks,
            i -> period + "/" + assembly + "/" + e.name() + "-" + i + ".csv.gz",
            limit,
            (out, parts) -> curManifest(out, period, e, assembly, parts));
      }
      case ATHENA_PARQUET -> {
        String folder =
            dir
                + "/"
                + e.name()
                + "/"
                + e.name()
                + "/year="
                + m.getYear()
                + "/month="
                + m.getMonthValue();
        yield Delivery.sequential(
            root,
            sinks,
            i -> String.format(Locale.ROOT, "%s/%s-%05d.snappy.parquet", folder, e.name(), i),
            limit,
            null);
      }
      case DATA_EXPORT -> {
        String execution = Rng.uuid(r);
        yield Delivery.sequential(
            root,
            sinks,
            i ->
                String.format(
                    Locale.ROOT,
                    "%s/data/BILLING_PERIOD=%s/%s-%05d%s",
                    dir,
                    m,
                    e.name(),
                    i,
                    e.provider().dialect().gzip() || e.format() == Exports.Format.AWS_CUR2
                        ? ".csv.gz"
                        : ".csv"),
            limit,
            (out, parts) -> dataExportManifest(out, e, execution, parts));
      }
      case AZURE_RUN, AZURE_RUN_SINGLE -> {
        String runId = Rng.uuid(r);
        String run = dir + "/" + Exports.azurePeriod(m) + "/" + runId;
        String ext = e.format() == Exports.Format.AZURE_EA ? ".csv" : ".csv.gz";
        boolean partitioned = e.layout() == Exports.Layout.AZURE_RUN;
        yield Delivery.sequential(
            root,
            sinks,
            i ->
                partitioned
                    ? String.format(Locale.ROOT, "%s/part_0_%04d%s", run, i, ext)
                    : run + "/" + e.name() + "_" + runId + ext,
            limit,
            (out, parts) -> azureManifest(out, e, run, runId, partitioned, w, restated, parts));
      }
      case BQ_SHARDS ->
          Delivery.sequential(
              root,
              sinks,
              i -> String.format(Locale.ROOT, "%s/%s-%012d.csv", dir, e.name(), i - 1),
              limit,
              null);
      case OCI_INCREMENTAL -> Delivery.ociIncremental(root, sinks, dir, limit, w.lastDay(m));
    };
  }

  /** A path below landing/ as the object key it has in the export bucket. */
  static String key(String path) {
    return path.startsWith("landing/") ? path.substring("landing/".length()) : path;
  }

  private static void curManifest(
      Path root, String period, Export e, String assembly, List<Part> parts) throws IOException {
    YearMonth m = e.month();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("assemblyId", assembly);
    j.put("account", e.provider().accounts().get(0).id());
    j.put("columns", curColumns(e));
    j.put("charset", "UTF-8");
    j.put("compression", "GZIP");
    j.put("contentType", "text/csv");
    j.put("reportId", Rng.hex(Rng.of(e.name().hashCode(), "report"), 64));
    j.put("reportName", e.name());
    j.put("billingPeriod", period(m));
    j.put("bucket", BUCKET);
    j.put("reportKeys", parts.stream().map(p -> key(p.path())).toList());
    j.put("additionalArtifactKeys", List.of());
    write(root.resolve(period).resolve(e.name() + "-Manifest.json"), j);
  }

  private static List<Map<String, String>> curColumns(Export e) {
    List<Map<String, String>> out = new ArrayList<>();
    for (NativeCsvWriter.Column c : AwsLayouts.cur(NativeLayouts.tagKeys(e.provider())).columns()) {
      String[] p = c.header().split("/", 2);
      Map<String, String> col = new LinkedHashMap<>();
      col.put("category", p[0]);
      col.put("name", p[1]);
      col.put("type", AwsLayouts.curType(c.header()));
      out.add(col);
    }
    return out;
  }

  private static Map<String, String> period(YearMonth m) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("start", m.atDay(1).atStartOfDay().format(CUR_TIME));
    p.put("end", m.plusMonths(1).atDay(1).atStartOfDay().format(CUR_TIME));
    return p;
  }

  private static void dataExportManifest(Path root, Export e, String execution, List<Part> parts)
      throws IOException {
    String account = e.provider().accounts().get(0).id();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("executionId", execution);
    j.put("exportArn", "arn:aws:bcm-data-exports:us-east-1:" + account + ":export/" + e.name());
    j.put("billingPeriod", period(e.month()));
    j.put("dataFiles", parts.stream().map(p -> "s3://" + BUCKET + "/" + key(p.path())).toList());
    j.put("additionalOutputFiles", List.of());
    write(
        root.resolve(e.dir())
            .resolve("metadata/BILLING_PERIOD=" + e.month())
            .resolve(e.name() + "-Manifest.json"),
        j);
  }

  private static void azureManifest(
      Path root,
      Export e,
      String run,
      String runId,
      boolean partitioned,
      Window w,
      boolean restated,
      List<Part> parts)
      throws IOException {
    YearMonth m = e.month();
    // a closed month's run is the export of the day after the month; the open month's is today's
    LocalDate runDay = w.closed(m) ? m.plusMonths(1).atDay(1) : w.end().plusDays(1);
    if (restated) {
      runDay = w.end().plusDays(1);
    }
    long rows = parts.stream().mapToLong(Part::rows).sum();
    long bytes = parts.stream().mapToLong(Part::bytes).sum();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("manifestVersion", "2024-04-01");
    j.put("byteCount", bytes);
    j.put("blobCount", parts.size());
    j.put("dataRowCount", rows);
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("exportName", e.name());
    export.put("resourceId", "/providers/Microsoft.Billing/billingAccounts/" + e.account().id());
    export.put("dataVersion", "2021-10-01");
    export.put("apiVersion", "2023-07-01-preview");
    export.put("type", "ActualCost");
    export.put("timeFrame", "MonthToDate");
    export.put("granularity", "Daily");
    j.put("exportConfig", export);
    Map<String, Object> delivery = new LinkedHashMap<>();
    delivery.put("partitionData", partitioned);
    delivery.put("dataOverwriteBehavior", "CreateNewReport");
    delivery.put("fileFormat", "Csv");
    delivery.put("compressionMode", e.format() == Exports.Format.AZURE_EA ? "None" : "gzip");
    delivery.put("containerUri", "/subscriptions/.../storageAccounts/meridianbilling/exports");
    delivery.put("rootFolderPath", key(e.dir()).substring(0, key(e.dir()).lastIndexOf('/')));
    j.put("deliveryConfig", delivery);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("executionType", "Scheduled");
    info.put("submittedTime", runDay + "T05:14:27.3542188Z");
    info.put("runId", runId);
    info.put("startDate", m.atDay(1) + "T00:00:00");
    info.put("endDate", m.atEndOfMonth() + "T00:00:00");
    j.put("runInfo", info);
    List<Map<String, Object>> blobs = new ArrayList<>();
    for (Part p : parts) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("blobName", key(p.path()));
      b.put("byteCount", p.bytes());
      b.put("dataRowCount", p.rows());
      blobs.add(b);
    }
    j.put("blobs", blobs);
    write(root.resolve(run).resolve("manifest.json"), j);
  }

  private static void write(Path file, Map<String, Object> json) throws IOException {
    Files.createDirectories(file.getParent());
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    Files.writeString(file, JSON.writer(pp).writeValueAsString(json) + "\n");
  }
}
