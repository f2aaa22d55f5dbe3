package dev.burnrate.demo;

import dev.burnrate.demo.ExportWriter.ExportResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code conf/}: pipeline.yaml with one source per export feed, fx-rates.csv, the rate card
 * of the usage-only export ({@code rate-cards/<source>.csv}, from the prices the generator used),
 * Oracle's host map, and contracts.yaml sized from the generated fleet's own spend ({@link
 * ContractsWriter}).
 */
final class ConfWriter {
  static final String EUR_RATE_BEFORE = "1.0842";
  static final String EUR_RATE_AFTER = "1.1015";

  /** The host-to-OCID map of Oracle's GPU hosts, in the conf folder. */
  static final String OCI_HOST_MAP = "oci-hosts.csv";

  private final Fleet fleet;
  private final Window window;
  private final List<ExportResult> files;
  private final Generator.Options options;

  ConfWriter(Fleet fleet, Window window, List<ExportResult> files, Generator.Options options) {
    this.fleet = fleet;
    this.window = window;
    this.files = files;
    this.options = options;
  }

  void write(Path confDir) throws IOException {
    Files.createDirectories(confDir);
    Files.writeString(confDir.resolve("pipeline.yaml"), pipeline());
    Files.writeString(confDir.resolve("fx-rates.csv"), fxRates());
    Files.writeString(
        confDir.resolve("contracts.yaml"),
        new ContractsWriter(fleet, window, files, options).yaml());
    Files.writeString(confDir.resolve(OCI_HOST_MAP), ociHostMap());
    String card = rateCard();
    if (card != null) {
      Path cards = confDir.resolve("rate-cards");
      Files.createDirectories(cards);
      Files.writeString(cards.resolve(Exports.RATE_CARD_SOURCE + ".csv"), card);
    }
  }

  /** The contracted prices of the usage-only export's rows, valid from the window's first month. */
  private String rateCard() {
    Map<List<String>, BigDecimal> prices =
        new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    String currency = null;
    for (ExportResult f : files) {
      prices.putAll(f.rateCard());
      if (!f.rateCard().isEmpty()) {
        currency = f.currencies().get(0).billingCurrency();
      }
    }
    if (prices.isEmpty()) {
      return null;
    }
    StringBuilder c = new StringBuilder("sku_id,sku_price_id,unit_price,currency,valid_from\n");
    LocalDate from = window.start().withDayOfMonth(1);
    for (Map.Entry<List<String>, BigDecimal> e : prices.entrySet()) {
      c.append(e.getKey().get(0)).append(',').append(e.getKey().get(1)).append(',');
      c.append(BillLineText.plain(e.getValue())).append(',').append(currency).append(',');
      c.append(from).append('\n');
    }
    return c.toString();
  }

  private String pipeline() {
    StringBuilder y = new StringBuilder();
    y.append("# Written by `burnrate generate` for its synthetic data: data_dir is the folder\n");
    y.append("# above this one, where landing/ holds the generated exports and telemetry.\n");
    y.append("reporting_currency: USD\n");
    y.append("data_dir: \"..\"\n");
    y.append("spark:\n  master: \"local[*]\"\n");
    y.append("sources:\n");
    for (Exports.Source s : Exports.sources(fleet, options.output())) {
      source(y, s.name(), s.format(), s.path());
    }
    source(y, "gpu-dcgm", "dcgm", "landing/telemetry/dcgm/**");
    hostMap(y);
    source(y, "gpu-prometheus", "prometheus-json", "landing/telemetry/prometheus/**");
    source(y, "gpu-nvidia-smi", "nvidia-smi", "landing/telemetry/nvidia-smi/**");
    hostMap(y);
    return y.toString();
  }

  /** The sources that see Oracle's hosts join them to the bill through the host map. */
  private static void hostMap(StringBuilder y) {
    y.append("    options:\n      host_map: \"").append(OCI_HOST_MAP).append("\"\n");
  }

  /**
   * Oracle's cost report has the instance OCID, not the host name its telemetry reports: the map
   * from one to the other (docs/architecture.md, host_map).
   */
  private String ociHostMap() {
    StringBuilder c = new StringBuilder("hostname,instance_id\n");
    for (Fleet.Node n : fleet.provider("oci").nodes()) {
      c.append(n.hostname()).append(',').append(n.resourceId()).append('\n');
    }
    return c.toString();
  }

  private static void source(StringBuilder y, String name, String format, String path) {
    y.append("  - name: ").append(name).append('\n');
    y.append("    format: ").append(format).append('\n');
    y.append("    path: \"").append(path).append("\"\n");
  }

  /** The first EUR rate is valid before the data starts; it changes once inside the window. */
  private String fxRates() {
    LocalDate from = window.start().withDayOfMonth(1).minusMonths(1);
    return "currency,valid_from,rate_to_reporting\n"
        + "USD,"
        + from
        + ",1.0\n"
        + "EUR,"
        + from
        + ","
        + EUR_RATE_BEFORE
        + "\n"
        + "EUR,"
        + eurRateChange(window)
        + ","
        + EUR_RATE_AFTER
        + "\n";
  }

  /** The first of the month halfway through the window (or the halfway day itself). */
  static LocalDate eurRateChange(Window w) {
    LocalDate mid = w.start().plusDays(ChronoUnit.DAYS.between(w.start(), w.end()) / 2);
    LocalDate first = mid.withDayOfMonth(1);
    return first.isAfter(w.start()) ? first : mid;
  }
}
