package dev.burnrate.etl.telemetry;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.SourceConfig;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * The {@code options:} a telemetry source may set in pipeline.yaml. Every key is optional; an
 * unknown key is a configuration error (exit 2) so that a typo never silently changes a join.
 *
 * @param provider ProviderName of every GPU of the source (e.g. {@code AWS}); when absent it comes
 *     from a {@code provider} / {@code cloud_provider} label, then from the host name's shape
 * @param billMatch how the warehouse finds a GPU's bill row: {@code ResourceName} (the host name),
 *     {@code ResourceId} (the instance id, also matching the last segment of an ARM / GCE path) or
 *     {@code auto} (either)
 * @param hostLabel the label holding the host name (DCGM: {@code Hostname})
 * @param instanceLabel the label holding the cloud instance id, if any
 * @param timezone zone of nvidia-smi's local timestamps (default UTC)
 * @param scrapeIntervalSeconds the sample interval assumed for a GPU with a single sample
 * @param hostPattern nvidia-smi: a regex whose group 1, applied to the file path, is the host name
 * @param columns nvidia-smi: the header of files written with {@code --format=csv,noheader}
 * @param scrapeTime how a DCGM sample without a timestamp is dated ({@code scrape_time}: {@code
 *     file-name}, the default, {@code modified} or an ISO-8601 instant; see {@link ScrapeTime})
 */
record TelemetryOptions(
    String provider,
    String billMatch,
    String hostLabel,
    String instanceLabel,
    ZoneId timezone,
    double scrapeIntervalSeconds,
    String hostPattern,
    String columns,
    ScrapeTime scrapeTime) {

  static final Set<String> KEYS =
      Set.of(
          "provider",
          "bill_match",
          "host_label",
          "instance_label",
          "timezone",
          "scrape_interval_seconds",
          "host_pattern",
          "columns",
          ScrapeTime.OPTION,
          // read by the warehouse (src.gpu_host_map), checked when the configuration loads
          dev.burnrate.core.config.GpuHostMap.OPTION);

  /** File name without a trailing date and extension: {@code gpu-node-07-2026-10-01.csv}. */
  static final String DEFAULT_HOST_PATTERN =
      "([^/]+?)(?:[-_]\\d{4}-?\\d{2}-?\\d{2}(?:T\\d+Z?)?)?(?:\\.[A-Za-z0-9]+)+$";

  static TelemetryOptions of(SourceConfig src) {
    Map<String, String> o = src.options();
    for (String k : o.keySet()) {
      if (!KEYS.contains(k)) {
        throw BurnrateException.config(
            "source '" + src.name() + "': unknown option '" + k + "' (known: " + KEYS + ")");
      }
    }
    String match = o.getOrDefault("bill_match", "auto");
    if (!Set.of("auto", "ResourceName", "ResourceId").contains(match)) {
      throw BurnrateException.config(
          "source '"
              + src.name()
              + "': bill_match '"
              + match
              + "' must be auto, ResourceName or ResourceId");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(o.getOrDefault("timezone", "UTC"));
    } catch (RuntimeException e) {
      throw BurnrateException.config(
          "source '" + src.name() + "': timezone '" + o.get("timezone") + "' is not a zone id");
    }
    double interval;
    try {
      interval = Double.parseDouble(o.getOrDefault("scrape_interval_seconds", "60"));
    } catch (NumberFormatException e) {
      interval = -1;
    }
    if (!(interval > 0 && interval <= 3600)) {
      throw BurnrateException.config(
          "source '" + src.name() + "': scrape_interval_seconds must be in (0, 3600]");
    }
    String pattern = o.getOrDefault("host_pattern", DEFAULT_HOST_PATTERN);
    try {
      if (java.util.regex.Pattern.compile(pattern).matcher("").groupCount() < 1) {
        throw BurnrateException.config(
            "source '" + src.name() + "': host_pattern needs a group for the host name");
      }
    } catch (java.util.regex.PatternSyntaxException e) {
      throw BurnrateException.config(
          "source '" + src.name() + "': host_pattern is not a regex: " + e.getDescription());
    }
    return new TelemetryOptions(
        blankToNull(o.get("provider")),
        match,
        o.getOrDefault("host_label", "Hostname"),
        o.getOrDefault("instance_label", "instance_id"),
        zone,
        interval,
        pattern,
        blankToNull(o.get("columns")),
        ScrapeTime.of(src.name(), o.get(ScrapeTime.OPTION)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
