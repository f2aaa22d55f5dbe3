package dev.burnrate.tools;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import dev.burnrate.warehouse.BuildResult;
import dev.burnrate.warehouse.WarehouseBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code burnrate bench warehouse --rows N [--days D]}: what the nightly warehouse build costs. It
 * writes a lake of N cost rows over D days straight as Parquet in the lake's layout (DuckDB COPY
 * partitioned by provider, period, source and account, as docs/architecture.md's seam 1 lays it
 * out; not through the Spark ingest), builds the warehouse, adds one new day of N / D rows to the
 * lake and builds again. Prints on its last lines {@code full build: X s}, {@code incremental
 * build: Y s} and {@code peak RSS: Z MiB} (the process's, over both builds: DuckDB runs inside it).
 */
@Command(
    name = "warehouse",
    mixinStandardHelpOptions = true,
    description = {
      "Write a lake of N cost rows over D days as Parquet, build the warehouse, add one day and",
      "build again; print 'full build: X s', 'incremental build: Y s', 'peak RSS: Z MiB'."
    })
final class BenchWarehouseCommand implements Callable<Integer> {
  /**
   * The day the benchmark adds: mid-month, so that the new day lands in a billing period the lake
   * already holds, as a nightly delivery does.
   */
  static final LocalDate NEW_DAY = LocalDate.of(2026, 11, 15);

  /** Providers with GPU instance types of the shipped catalog, and folder names without spaces. */
  private static final String[][] PROVIDERS = {
    {
      "AWS",
      "bench-aws",
      "['p5.48xlarge', 'p4d.24xlarge', 'g6e.48xlarge', 'm5.large', 'r6i.2xlarge']"
    },
    {"Oracle", "bench-oci", "['BM.GPU.H100.8', 'BM.GPU.A100-v2.8', 'VM.Standard.E4.Flex']"}
  };

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Cost rows (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(
      names = "--days",
      defaultValue = "30",
      description = "Charge days the rows spread over (default ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "${java.io.tmpdir}/burnrate-bench-warehouse",
      description = "Work folder, emptied first (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (rows < 1 || days < 1 || rows < days) {
      throw BurnrateException.config(
          "bench warehouse: --rows and --days must be positive, rows >= days");
    }
    BenchRuns.cleanScratch(out);
    Path conf = Files.createDirectories(out.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"), "reporting_currency: USD\ndata_dir: ../data\n");
    Files.writeString(
        conf.resolve("fx-rates.csv"),
        "currency,valid_from,rate_to_reporting\nUSD,2000-01-01,1.0\n");
    Files.writeString(conf.resolve("contracts.yaml"), "contracts: []\n");
    PipelineConfig cfg = PipelineConfig.load(conf);
    Path lakeCost = cfg.layout().lakeCost();
    Files.createDirectories(lakeCost);

    LocalDate firstDay = NEW_DAY.minusDays(days);
    long t0 = System.nanoTime();
    writeDays(lakeCost, firstDay, days, rows, "base");
    System.out.printf(
        Locale.ROOT,
        "bench warehouse: %,d cost rows over %d days from %s, %.1f MiB of Parquet, written in %.1f"
            + " s%n",
        rows,
        days,
        firstDay,
        bytes(lakeCost) / 1048576.0,
        PeakMemory.seconds(t0));

    PeakMemory.reset();
    BuildResult full = WarehouseBuilder.build(cfg, NEW_DAY.minusDays(1));
    long dayRows = rows / days;
    writeDays(lakeCost, NEW_DAY, 1, dayRows, "day-" + NEW_DAY);
    BuildResult incremental = WarehouseBuilder.build(cfg, NEW_DAY);
    long peak = PeakMemory.rssKb();
    if (incremental.rowsFocusCost() - full.rowsFocusCost() != dayRows) {
      throw new IllegalStateException(
          "bench warehouse: the second build has "
              + incremental.rowsFocusCost()
              + " focus_cost rows, expected "
              + (full.rowsFocusCost() + dayRows));
    }
    System.out.printf(
        Locale.ROOT,
        "warehouse file: %.1f MiB, focus_cost %,d rows after the new day (%,d rows)%n",
        Files.size(cfg.layout().warehouseFile()) / 1048576.0,
        incremental.rowsFocusCost(),
        dayRows);
    System.out.printf(Locale.ROOT, "full build: %.2f s%n", full.elapsed().toMillis() / 1000.0);
    System.out.printf(
        Locale.ROOT, "incremental build: %.2f s%n", incremental.elapsed().toMillis() / 1000.0);
    System.out.printf(Locale.ROOT, "peak RSS: %d MiB%n", peak / 1024);
    return 0;
  }

  /**
   * Writes {@code count} rows spread evenly over {@code dayCount} days from {@code first} into the
   * lake, one file per unit (provider, period, source, account) named after {@code tag}.
   */
  static void writeDays(Path lakeCost, LocalDate first, int dayCount, long count, String tag)
      throws SQLException {
    Map<String, String> expr = columnExpressions(dayCount, tag);
    String select =
        FocusColumns.ALL.stream()
            .map(col -> cast(col, expr.getOrDefault(col.name(), "null")))
            .collect(Collectors.joining(",\n  "));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("set preserve_insertion_order = false");
      s.execute(
          "copy (select "
              + select
              + ",\n  p.name as provider, strftime(charge_day, '%Y-%m') as period, p.source as source,"
              + " account_id as account\nfrom (select i, "
              + providerList()
              + "[i % "
              + PROVIDERS.length
              + " + 1] as p, "
              + "date '"
              + first
              + "' + cast(i % "
              + dayCount
              + " as integer) as charge_day, "
              + "'acct-' || (i // "
              + PROVIDERS.length
              + " % 4) as account_id from range("
              + count
              + ") t(i))\n) to '"
              + lakeCost
              + "' (format parquet, partition_by (provider, period, source, account),"
              + " filename_pattern '"
              + tag
              + "-{i}', overwrite_or_ignore)");
    }
  }

  private static String providerList() {
    return "["
        + java.util.Arrays.stream(PROVIDERS)
            .map(p -> "{'name': '" + p[0] + "', 'source': '" + p[1] + "', 'skus': " + p[2] + "}")
            .collect(Collectors.joining(", "))
        + "]";
  }

  /** DuckDB expressions over i (row number), p (the provider struct) and charge_day. */
  private static Map<String, String> columnExpressions(int dayCount, String tag) {
    String hour = "charge_day + to_hours(cast(i // " + dayCount + " % 24 as integer))";
    String cost = "cast((i % 9800) / 100.0 as decimal(28, 10))";
    String sku = "list_extract(p.skus, cast(i // 7 % len(p.skus) as integer) + 1)";
    return Map.ofEntries(
        Map.entry("AvailabilityZone", "'zone-' || (i % 3)"),
        Map.entry("BilledCost", cost),
        Map.entry("BillingAccountId", "account_id"),
        Map.entry("BillingAccountName", "'Bench ' || account_id"),
        Map.entry("BillingCurrency", "'USD'"),
        Map.entry("BillingPeriodStart", "date_trunc('month', charge_day)"),
        Map.entry("BillingPeriodEnd", "date_trunc('month', charge_day) + interval 1 month"),
        Map.entry("ChargeCategory", "case when i % 50 = 0 then 'Tax' else 'Usage' end"),
        Map.entry("ChargeDescription", "'bench charge ' || " + sku),
        Map.entry("ChargeFrequency", "'Usage-Based'"),
        Map.entry("ChargePeriodStart", hour),
        Map.entry("ChargePeriodEnd", hour + " + interval 1 hour"),
        Map.entry("ConsumedQuantity", "1"),
        Map.entry("ConsumedUnit", "'Hours'"),
        Map.entry("EffectiveCost", cost),
        Map.entry("ListCost", cost),
        Map.entry("ListUnitPrice", cost),
        Map.entry("ContractedUnitPrice", cost),
        Map.entry("PricingCategory", "'Standard'"),
        Map.entry("PricingQuantity", "1"),
        Map.entry("PricingUnit", "'Hours'"),
        Map.entry("ProviderName", "p.name"),
        Map.entry("PublisherName", "p.name"),
        Map.entry("ServiceProviderName", "p.name"),
        Map.entry("HostProviderName", "p.name"),
        Map.entry("InvoiceIssuerName", "p.name"),
        Map.entry("RegionId", "'region-' || (i % 4)"),
        Map.entry("ResourceId", "'res-' || (i % 5000)"),
        Map.entry("ResourceType", "'Virtual Machine'"),
        Map.entry("ServiceCategory", "case when i % 3 = 0 then 'Storage' else 'Compute' end"),
        Map.entry("ServiceName", "case when i % 3 = 0 then 'Object Storage' else 'Compute' end"),
        Map.entry("SkuId", sku),
        Map.entry("SkuPriceId", "'price-' || (i % 1000)"),
        Map.entry("SubAccountId", "'sub-' || (i % 40)"),
        Map.entry("SubAccountName", "'Sub ' || (i % 40)"),
        Map.entry(
            "Tags", "'{\"team\": \"' || (['research', 'inference', 'data'])[i % 3 + 1] || '\"}'"),
        Map.entry("x_SourceName", "p.source"),
        Map.entry("x_SourceFormat", "'focus'"),
        Map.entry("x_SourceFile", "'/bench/" + tag + "-' || strftime(charge_day, '%Y-%m-%d')"),
        Map.entry("x_SourceLine", "i + 2"),
        Map.entry("x_FocusVersion", "'1.2'"),
        Map.entry("x_RunId", "'bench-" + tag + "'"));
  }

  private static String cast(FocusColumn col, String expression) {
    return "cast(" + expression + " as " + col.type().duckdbType() + ") as \"" + col.name() + "\"";
  }

  private static long bytes(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
