package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code options:} of a telemetry source (docs/architecture.md). Every key is optional; which
 * ones a format accepts is {@link SourceFormat#optionKeys}.
 *
 * @param provider ProviderName of every GPU of the source (e.g. {@code AWS}); when absent it comes
 *     from a {@code provider} / {@code cloud_provider} label, then from the host name's shape
 * @param billMatch how the warehouse finds a GPU's bill row ({@code bill_match}, default auto)
 * @param hostLabel dcgm, prometheus-json: the label holding the host name (default {@code
 *     Hostname})
 * @param instanceLabel dcgm, prometheus-json: the label holding the cloud instance id (default
 *     {@code instance_id})
 * @param timezone dcgm, nvidia-smi: the zone of local times (nvidia-smi's timestamps, a file name's
 *     time without {@code Z}); default UTC
 * @param scrapeIntervalSeconds the sample interval assumed for a GPU with a single sample, in (0,
 *     3600] (default 60)
 * @param hostPattern nvidia-smi: a regex whose group 1, applied to the file path, is the host name
 *     (default {@link #DEFAULT_HOST_PATTERN})
 * @param columns nvidia-smi: the header of files written with {@code --format=csv,noheader}
 * @param scrapeTime dcgm: how a sample without a timestamp is dated (default file-name)
 * @param hostMap a {@code hostname,instance_id} CSV for hosts the bill does not name, relative to
 *     the conf folder ({@link GpuHostMap}); read by the warehouse
 */
public record TelemetryOptions(
    Optional<String> provider,
    BillMatch billMatch,
    String hostLabel,
    String instanceLabel,
    ZoneId timezone,
    double scrapeIntervalSeconds,
    String hostPattern,
    Optional<String> columns,
    ScrapeTime scrapeTime,
    Optional<String> hostMap)
    implements SourceOptions {

  /** File name without a trailing date and extension: {@code gpu-node-07-2026-10-01.csv}. */
  public static final String DEFAULT_HOST_PATTERN =
      "([^/]+?)(?:[-_]\\d{4}-?\\d{2}-?\\d{2}(?:T\\d+Z?)?)?(?:\\.[A-Za-z0-9]+)+$";

  /** A source that sets no option. */
  public static final TelemetryOptions DEFAULT =
      read(null, null, null, null, null, null, null, null, null, null);

  /** The options as pipeline.yaml writes them; an absent key takes its default. */
  @JsonCreator
  static TelemetryOptions read(
      @JsonProperty("provider") String provider,
      @JsonProperty("bill_match") BillMatch billMatch,
      @JsonProperty("host_label") String hostLabel,
      @JsonProperty("instance_label") String instanceLabel,
      @JsonProperty("timezone") String timezone,
      @JsonProperty("scrape_interval_seconds") Double scrapeIntervalSeconds,
      @JsonProperty("host_pattern") String hostPattern,
      @JsonProperty("columns") String columns,
      @JsonProperty("scrape_time") ScrapeTime scrapeTime,
      @JsonProperty("host_map") String hostMap) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone == null ? "UTC" : timezone.strip());
    } catch (DateTimeException e) {
      throw new Yaml.InvalidValue(
          "timezone", "'" + timezone + "' is not a zone id such as UTC or Europe/Berlin");
    }
    double interval = scrapeIntervalSeconds == null ? 60 : scrapeIntervalSeconds;
    if (!(interval > 0 && interval <= 3600)) {
      throw new Yaml.InvalidValue("scrape_interval_seconds", "must be in (0, 3600]");
    }
    String pattern = hostPattern == null ? DEFAULT_HOST_PATTERN : hostPattern;
    try {
      if (Pattern.compile(pattern).matcher("").groupCount() < 1) {
        throw new Yaml.InvalidValue("host_pattern", "needs a group for the host name");
      }
    } catch (PatternSyntaxException e) {
      throw new Yaml.InvalidValue("host_pattern", "is not a regex: " + e.getDescription());
    }
    return new TelemetryOptions(
        present(provider),
        billMatch == null ? BillMatch.AUTO : billMatch,
        hostLabel == null ? "Hostname" : hostLabel,
        instanceLabel == null ? "instance_id" : instanceLabel,
        zone,
        interval,
        pattern,
        present(columns),
        scrapeTime == null ? ScrapeTime.FILE_NAME : scrapeTime,
        present(hostMap));
  }

  private static Optional<String> present(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  /**
   * Which bill column the warehouse may match a GPU's host or instance to: {@code ResourceName}
   * (the host name), {@code ResourceId} (the instance id, also matching the last segment of an ARM
   * / GCE path) or {@code auto} (either).
   */
  public enum BillMatch implements Keyed {
    AUTO("auto"),
    RESOURCE_NAME("ResourceName"),
    RESOURCE_ID("ResourceId");

    private final String key;

    BillMatch(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }
  }
}
