package dev.burnrate.core.config;

import java.util.regex.Pattern;

/**
 * OCI's cost reports and FOCUS reports in an object store. OCI writes them into a bucket named
 * after the tenancy OCID (namespace {@code bling}), cost reports as {@code
 * reports/cost-csv/<id>.csv.gz} and FOCUS reports as {@code FOCUS
 * Reports/YYYY/MM/DD/<name>.csv.gz}. Both are incremental: each file holds only rows no earlier
 * file had, and the bucket's retention deletes old files. So a deleted report must keep its landing
 * copy (else its month loses those rows), which only a copy can do: such a source is never read
 * directly from the store.
 */
public final class OciReports {
  // a bucket sync may put OCI's keys below a prefix of its own: match at any folder boundary
  private static final Pattern KEY = Pattern.compile("(?:^|/)(?:FOCUS Reports|reports/cost-csv)/");

  private OciReports() {}

  /** True when an object key (or a key prefix) lies in OCI's cost or FOCUS report folders. */
  public static boolean isReportKey(String key) {
    return KEY.matcher(key).find();
  }

  /**
   * True when every object of this source keeps its landing copy after the store deletes it: its
   * {@code storage.layout} is {@code oci}, or it is {@code auto} (the default) and the source reads
   * OCI's reports (format {@code oci-cost}, or a path prefix in OCI's report folders). Under {@code
   * auto}, single keys in those folders are recognised by the pull step as it lists them.
   */
  public static boolean keepsDeleted(SourceConfig source, StorageOptions storageOptions) {
    StorageLayout layout = storageOptions.layout();
    if (layout == StorageLayout.OCI) {
      return true;
    }
    if (layout != null && layout != StorageLayout.AUTO) {
      return false;
    }
    return SourceFormat.OCI_COST.key().equals(source.format())
        || ObjectStorePath.parse(source.path()).map(p -> isReportKey(p.prefix())).orElse(false);
  }
}
