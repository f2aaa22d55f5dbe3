package dev.burnrate.etl.lake;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.DeliveryRule;
import dev.burnrate.core.manifest.ExportManifest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which delivery each input file belongs to, recognised from the layout the provider writes
 * (docs/deliveries.md) and from the delivery manifests found beside the data. Decided from paths
 * and manifests only, before any row is read; {@link Deliveries} then settles, unit by unit, which
 * delivery's rows are written.
 *
 * <ul>
 *   <li>A billing-period folder ({@code YYYYMMDD-YYYYMMDD/}: AWS legacy CUR, Azure Cost Management
 *       exports; {@code data/BILLING_PERIOD=YYYY-MM/}: AWS Data Exports) is a <em>scope</em>: every
 *       delivery in it re-delivers the same period. Files directly in it are one delivery
 *       (overwritten in place); each sub-folder (a CUR assembly, an Azure run, a Data Exports
 *       execution) is one delivery.
 *   <li>The scope's manifest ({@link ExportManifest}: AWS CUR's in the period folder, Azure's in
 *       each run folder, AWS Data Exports' in {@code metadata/BILLING_PERIOD=P/}), when present,
 *       names the current delivery and its files; of several, the latest delivered wins. A listed
 *       file that is not there stops the run (exit 3): half a delivery never lands.
 *   <li>Athena-integration CUR Parquet ({@code year=YYYY/month=M/}) is one delivery per month
 *       folder, overwritten in place.
 *   <li>OCI cost and FOCUS reports ({@code reports/cost-csv/}, {@code FOCUS Reports/}) are
 *       incremental: every file appends.
 *   <li>Elsewhere, numbered parts of one name in one folder ({@code part-00001.csv}, {@code
 *       part_0_0001.csv.gz}, {@code report-1.csv.gz}, {@code billing-000000000000.csv}) are one
 *       delivery, and any other file is a delivery of its own.
 * </ul>
 */
public final class DeliveryPlan {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryPlan.class);

  private static final Pattern PERIOD_FOLDER = Pattern.compile("\\d{8}-\\d{8}");
  private static final Pattern BILLING_PERIOD = Pattern.compile("BILLING_PERIOD=[^/]+");
  private static final Pattern ATHENA_MONTH = Pattern.compile("(.*/year=\\d{4}/month=\\d{1,2})/.*");
  private static final Pattern OCI_REPORTS =
      Pattern.compile("(?i).*/(reports/cost-csv|FOCUS Reports)/.*");

  /**
   * A numbered part: the name's last digit run before the extension, after '-' or '_'. A run of 8
   * digits that reads as a date (19xx/20xx) is a day, not a part number: daily full exports named
   * by date must not be taken for parts of one delivery.
   */
  private static final Pattern PART =
      Pattern.compile("(.*[-_])(\\d{1,12})((?:\\.[A-Za-z0-9]+){0,3})");

  private static final Pattern DATE_LIKE = Pattern.compile("(19|20)\\d{6}");

  /** Provider files besides manifests that sit beside the data and are not billing rows. */
  private static final Pattern SIDE_FILE =
      Pattern.compile("(?i).*(-RedshiftCommands\\.sql|\\.ya?ml|/cost_and_usage_data_status/.*)");

  /**
   * One delivery: the files one export run wrote.
   *
   * @param id the delivery's folder or file (or folder and part name)
   * @param scope the billing-period folder it re-delivers, or null outside such a layout
   * @param layout how it was recognised, for messages
   * @param appends true for incremental files, which never supersede and are never superseded
   * @param rank 2: a manifest names it current; 1: no manifest speaks of it; 0: a manifest of its
   *     scope names another delivery (or it lies beside the listed files)
   * @param at when it was delivered, epoch milliseconds (manifest time, else its newest file)
   */
  record Delivery(String id, String scope, String layout, boolean appends, int rank, long at) {}

  private final Map<String, Delivery> byFile;

  private DeliveryPlan(Map<String, Delivery> byFile) {
    this.byFile = byFile;
  }

  /** A source's files without manifests and the other side files providers write beside data. */
  public static List<SourceFiles.InputFile> dataFiles(
      String source, List<SourceFiles.InputFile> files) {
    List<SourceFiles.InputFile> data = new ArrayList<>();
    for (SourceFiles.InputFile f : files) {
      String path = SourceFiles.clean(f.path());
      if (!ExportManifest.isManifestName(path) && !SIDE_FILE.matcher(path).matches()) {
        data.add(f);
      }
    }
    if (data.size() < files.size()) {
      LOG.info(
          "source {}: {} manifest or side file(s) are not read as billing rows",
          source,
          files.size() - data.size());
    }
    return data;
  }

  /** The delivery of a file (by its clean path, as x_SourceFile holds it). */
  Delivery of(String cleanPath) {
    Delivery d = byFile.get(cleanPath);
    if (d == null) {
      throw new IllegalStateException(cleanPath + " is not in the delivery plan");
    }
    return d;
  }

  /**
   * Plans a source's data files ({@link #dataFiles}).
   *
   * @param rule the source's delivery option
   * @param appendsByDefault true for formats whose feeds are incremental (OCI, GCP batches)
   * @param readManifests false when the pull step already applied the manifests (direct mode)
   * @throws BurnrateException exit 3 when a manifest lists a file that is not there
   */
  public static DeliveryPlan of(
      Configuration hadoop,
      String source,
      DeliveryRule rule,
      boolean appendsByDefault,
      List<SourceFiles.InputFile> data,
      boolean readManifests) {
    Map<String, Delivery> byFile = new LinkedHashMap<>();
    Map<String, Long> newest = new HashMap<>();
    for (SourceFiles.InputFile f : data) {
      String path = SourceFiles.clean(f.path());
      Delivery d = recognise(path, rule, appendsByDefault);
      byFile.put(path, d);
      newest.merge(d.id(), f.modified(), Math::max);
    }
    byFile.replaceAll(
        (p, d) -> new Delivery(d.id(), d.scope(), d.layout(), d.appends(), 1, newest.get(d.id())));
    if (readManifests) {
      new Manifests(hadoop, source, byFile).apply();
    }
    return new DeliveryPlan(byFile);
  }

  private static Delivery recognise(String path, DeliveryRule rule, boolean appendsByDefault) {
    String folder = path.substring(0, Math.max(0, path.lastIndexOf('/')));
    String name = path.substring(path.lastIndexOf('/') + 1);
    switch (rule) {
      case FILE:
        return new Delivery(path, null, "file (delivery: file)", false, 1, 0);
      case FOLDER:
        return new Delivery(folder, null, "folder (delivery: folder)", false, 1, 0);
      case APPEND:
        return new Delivery(path, null, "incremental (delivery: append)", true, 1, 0);
      default:
        break;
    }
    if (appendsByDefault || OCI_REPORTS.matcher(path).matches()) {
      return new Delivery(path, null, "incremental feed", true, 1, 0);
    }
    String[] segments = folder.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      boolean period = PERIOD_FOLDER.matcher(segments[i]).matches();
      boolean billingPeriod =
          BILLING_PERIOD.matcher(segments[i]).matches() && i > 0 && segments[i - 1].equals("data");
      if (period || billingPeriod) {
        String scope = String.join("/", java.util.Arrays.copyOf(segments, i + 1));
        String layout = period ? "billing-period folder" : "AWS Data Exports partition";
        if (i == segments.length - 1) {
          return new Delivery(scope, scope, layout, false, 1, 0);
        }
        return new Delivery(scope + "/" + segments[i + 1], scope, layout + " run", false, 1, 0);
      }
    }
    Matcher athena = ATHENA_MONTH.matcher(path);
    if (athena.matches()) {
      return new Delivery(athena.group(1), athena.group(1), "Athena CUR partition", false, 1, 0);
    }
    Matcher part = PART.matcher(name);
    if (part.matches() && !DATE_LIKE.matcher(part.group(2)).matches()) {
      String id = folder + "/" + part.group(1) + "*" + part.group(3);
      return new Delivery(id, null, "numbered parts", false, 1, 0);
    }
    return new Delivery(path, null, "single file", false, 1, 0);
  }

  /** Reads the manifests of the recognised scopes and ranks their deliveries. */
  private static final class Manifests {
    private final Configuration hadoop;
    private final String source;
    private final Map<String, Delivery> byFile;

    Manifests(Configuration hadoop, String source, Map<String, Delivery> byFile) {
      this.hadoop = hadoop;
      this.source = source;
      this.byFile = byFile;
    }

    void apply() {
      Map<String, List<String>> filesByScope = new TreeMap<>();
      byFile.forEach(
          (file, d) -> {
            if (d.scope() != null && !d.layout().startsWith("Athena")) {
              filesByScope.computeIfAbsent(d.scope(), s -> new ArrayList<>()).add(file);
            }
          });
      filesByScope.forEach(this::applyScope);
    }

    private void applyScope(String scope, List<String> files) {
      String scopeName = scope.substring(scope.lastIndexOf('/') + 1);
      List<String> folders = new ArrayList<>();
      if (scopeName.startsWith("BILLING_PERIOD=")) {
        folders.add(scope.substring(0, scope.lastIndexOf("/data/")) + "/metadata/" + scopeName);
      } else {
        folders.add(scope); // AWS CUR: the period folder's manifest
        files.stream() // Azure: each run folder's manifest
            .map(f -> byFile.get(f).id())
            .distinct()
            .filter(id -> !id.equals(scope))
            .forEach(folders::add);
      }
      ExportManifest listed = null;
      for (String folder : folders) {
        for (ExportManifest m : manifestsIn(folder)) {
          if (listed == null || m.delivered().isAfter(listed.delivered())) {
            listed = m;
          }
        }
      }
      if (listed == null) {
        return;
      }
      List<String> missing = new ArrayList<>();
      for (String key : listed.files()) {
        String local = localPath(scope, scopeName, key);
        if (local == null || !byFile.containsKey(local)) {
          missing.add(local == null ? key : local);
        }
      }
      if (!missing.isEmpty()) {
        throw BurnrateException.input(
            listed.location()
                + ": the delivery manifest lists "
                + missing.size()
                + " file(s) that source '"
                + source
                + "' does not have, e.g. "
                + missing.get(0)
                + ": the delivery is incomplete (still being written, or a part was lost in the"
                + " copy), so none of it is ingested; the lake keeps the period as it was");
      }
      Set<String> current = new HashSet<>();
      for (String key : listed.files()) {
        current.add(localPath(scope, scopeName, key));
      }
      for (String file : files) {
        Delivery d = byFile.get(file);
        if (current.contains(file)) {
          byFile.put(
              file,
              new Delivery(
                  d.id(), scope, d.layout() + " named by " + listed.location(), false, 2, d.at()));
        } else {
          // an older run, or a file left beside the listed ones: a delivery of its own, not current
          String id = d.id().equals(scope) ? file : d.id();
          byFile.put(file, new Delivery(id, scope, d.layout(), false, 0, d.at()));
        }
      }
    }

    /** The scope-relative remainder of a listed key, resolved in the local scope folder. */
    private static String localPath(String scope, String scopeName, String key) {
      String k = key.replace('\\', '/');
      int at = k.indexOf("/" + scopeName + "/");
      if (at < 0 && k.startsWith(scopeName + "/")) {
        at = -1;
      } else if (at < 0) {
        return null;
      }
      return scope + k.substring(at + 1 + scopeName.length());
    }

    /** The export manifests ({@link ExportManifest.Kind}) directly in a folder, read. */
    private List<ExportManifest> manifestsIn(String folder) {
      List<ExportManifest> out = new ArrayList<>();
      Path dir = new Path(folder);
      try {
        FileSystem fs = dir.getFileSystem(hadoop);
        if (!fs.isDirectory(dir)) {
          return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
          String where = SourceFiles.clean(st.getPath().toString());
          Optional<ExportManifest.Kind> kind = ExportManifest.Kind.of(where);
          if (st.isFile() && kind.isPresent()) {
            try (InputStream in = fs.open(st.getPath())) {
              Instant modified = Instant.ofEpochMilli(st.getModificationTime());
              out.add(ExportManifest.read(kind.get(), where, modified, in));
            }
          }
        }
      } catch (IOException e) {
        throw BurnrateException.input(
            "cannot read the manifests in " + folder + ": " + e.getMessage());
      }
      return out;
    }
  }
}
