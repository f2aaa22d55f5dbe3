package dev.burnrate.demo;

import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.Provider;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which export delivers each provider's billing month, in which format and layout, and the pipeline
 * source that reads it. Every (provider, billing account, month) is in exactly one current
 * delivery, so the demo's sources never count a cost twice.
 *
 * <p>Native formats ({@link Generator.Output#NATIVE}), one pipeline source per format, each laid
 * out as its provider delivers it ({@link ProviderLayouts}):
 *
 * <ul>
 *   <li>AWS moved its export several times. Newest month: a Data Exports FOCUS 1.2 export ({@code
 *       focus}); the month before (the one restated): a legacy CUR ({@code aws-cur}) in assembly
 *       folders with a manifest; the one before: the legacy CUR's Athena integration, Parquet
 *       ({@code aws-cur}, a source of its own); the one before: a Data Exports CUR 2.0 ({@code
 *       aws-cur2}); older months: legacy CUR again. Big months are split into parts.
 *   <li>Microsoft: the USD enrollment as an EA export ({@code azure-ea}: byte-order mark, CRLF,
 *       M/D/YYYY dates), partitioned runs; the EUR billing profile as an MCA export ({@code
 *       azure-mca}: camelCase, gzip), partitioned except its oldest month (one file in its run).
 *   <li>Google Cloud: one {@code gcp-billing} source, older months as {@code bq extract} CSV
 *       shards, the newest month as newline-delimited JSON;
 *   <li>Oracle: cost reports ({@code oci-cost}), six-hourly incremental files split at a row limit;
 *   <li>CoreWeave: usage-only FOCUS 1.2 ({@code focus-usage}) priced by {@code
 *       conf/rate-cards/coreweave-usage.csv}, one file a month.
 * </ul>
 *
 * <p>{@link Generator.Output#FOCUS}: every provider's month as one native FOCUS file, one source
 * per provider. {@code NATIVE_AWS_CUR}, {@code NATIVE_AWS_CUR2} and {@code NATIVE_AWS_FOCUS}: the
 * native formats with every AWS month in the one format named (the same bill in each AWS format).
 */
final class Exports {
  private Exports() {}

  /** An export format as the generator writes it. */
  enum Format {
    FOCUS("focus"),
    AWS_CUR("aws-cur"),
    AWS_CUR_PARQUET("aws-cur"),
    AWS_CUR2("aws-cur2"),
    AZURE_EA("azure-ea"),
    AZURE_MCA("azure-mca"),
    GCP_CSV("gcp-billing"),
    GCP_JSON("gcp-billing"),
    OCI_COST("oci-cost"),
    FOCUS_USAGE("focus-usage");

    /** The pipeline.yaml format that reads it. */
    final String sourceFormat;

    Format(String sourceFormat) {
      this.sourceFormat = sourceFormat;
    }
  }

  /** How an export lays out its files ({@link ProviderLayouts} writes each). */
  enum Layout {
    /** One file at {@code dir/name}. */
    SINGLE,
    /** Legacy CUR: {@code dir/<period>/<assemblyId>/<name>-N.csv.gz} and the period's manifest. */
    CUR_ASSEMBLY,
    /**
     * CUR Athena integration: {@code dir/<name>/<name>/year=Y/month=M/<name>-0000N.snappy.parquet}.
     */
    ATHENA_PARQUET,
    /** Data Exports: {@code dir/data/BILLING_PERIOD=YYYY-MM/<name>-0000N.csv.gz}, metadata/. */
    DATA_EXPORT,
    /** Cost Management: {@code dir/<period>/<runId>/part_0_000N.csv[.gz]} with manifest.json. */
    AZURE_RUN,
    /** Cost Management without partitioning: {@code dir/<period>/<runId>/<name>_<runId>.csv}. */
    AZURE_RUN_SINGLE,
    /** {@code bq extract} shards: {@code dir/<name>-00000000000N.csv}. */
    BQ_SHARDS,
    /** OCI cost reports: {@code dir/<report number>-0000N.csv.gz}, six-hourly. */
    OCI_INCREMENTAL
  }

  /**
   * One export's month.
   *
   * @param account the billing account it holds, or null for all of the provider's
   * @param dir the export's folder relative to the output folder, '/' separated
   * @param name the report, export or file name its files are named after
   */
  record Export(
      Provider provider,
      Format format,
      String source,
      Account account,
      YearMonth month,
      Layout layout,
      String dir,
      String name) {}

  /** One pipeline.yaml source. */
  record Source(String name, String format, String path) {}

  static final String RATE_CARD_SOURCE = "coreweave-usage";

  /** The exports of the window, provider by provider, month by month. */
  static List<Export> plan(Fleet fleet, Window window, Generator.Output output) {
    List<Export> out = new ArrayList<>();
    List<YearMonth> months = window.months();
    for (Provider p : fleet.providers()) {
      for (int i = 0; i < months.size(); i++) {
        YearMonth m = months.get(i);
        int fromNewest = months.size() - 1 - i;
        if (output == Generator.Output.FOCUS) {
          out.add(focus(p, m));
          continue;
        }
        switch (p.slug()) {
          case "aws" -> out.add(aws(p, m, awsSchedule(output, fromNewest)));
          case "azure" -> {
            for (Account a : p.accounts()) {
              out.add(azure(p, a, m, i == 0));
            }
          }
          case "gcp" ->
              out.add(
                  fromNewest == 0
                      ? new Export(
                          p,
                          Format.GCP_JSON,
                          "gcp-billing",
                          null,
                          m,
                          Layout.SINGLE,
                          "landing/gcp",
                          "billing-export-" + m + ".jsonl")
                      : new Export(
                          p,
                          Format.GCP_CSV,
                          "gcp-billing",
                          null,
                          m,
                          Layout.BQ_SHARDS,
                          "landing/gcp",
                          "billing-export-" + m));
          case "oci" ->
              out.add(
                  new Export(
                      p,
                      Format.OCI_COST,
                      "oci-cost",
                      null,
                      m,
                      Layout.OCI_INCREMENTAL,
                      "landing/oci/reports/cost-csv",
                      null));
          case "coreweave" ->
              out.add(
                  new Export(
                      p,
                      Format.FOCUS_USAGE,
                      RATE_CARD_SOURCE,
                      null,
                      m,
                      Layout.SINGLE,
                      "landing/coreweave/" + m,
                      "coreweave-usage-" + m + ".csv"));
          default -> throw new IllegalStateException("no export plan for " + p.slug());
        }
      }
    }
    return out;
  }

  /**
   * The pipeline sources that read exactly the planned files. The globs match the data files and
   * the manifests beside them; the ingest reads manifests as delivery metadata, not as data.
   */
  static List<Source> sources(Fleet fleet, Generator.Output output) {
    List<Source> out = new ArrayList<>();
    if (output == Generator.Output.FOCUS) {
      for (Provider p : fleet.providers()) {
        out.add(new Source(p.slug() + "-focus", "focus", "landing/focus/" + p.slug() + "/**"));
      }
      return out;
    }
    out.add(new Source("aws-cur", "aws-cur", "landing/aws/cur/**"));
    out.add(new Source("aws-cur-athena", "aws-cur", "landing/aws/athena/**"));
    out.add(new Source("aws-cur2", "aws-cur2", "landing/aws/cur2/**"));
    out.add(new Source("aws-focus", "focus", "landing/aws/focus/**"));
    out.add(new Source("azure-ea", "azure-ea", "landing/azure/ea/**"));
    out.add(new Source("azure-mca", "azure-mca", "landing/azure/mca/**"));
    out.add(new Source("gcp-billing", "gcp-billing", "landing/gcp/**"));
    out.add(new Source("oci-cost", "oci-cost", "landing/oci/**"));
    out.add(new Source(RATE_CARD_SOURCE, "focus-usage", "landing/coreweave/**"));
    return out;
  }

  /** The folders the plan writes below, for clearing an earlier output. */
  static List<String> roots(Fleet fleet) {
    List<String> out =
        new ArrayList<>(
            List.of(
                "landing/aws/cur",
                "landing/aws/athena",
                "landing/aws/cur2",
                "landing/aws/focus",
                "landing/azure/ea",
                "landing/azure/mca",
                "landing/gcp",
                "landing/oci/reports",
                "landing/coreweave"));
    for (Provider p : fleet.providers()) {
      out.add("landing/focus/" + p.slug());
    }
    return out;
  }

  private static Export focus(Provider p, YearMonth m) {
    return new Export(
        p,
        Format.FOCUS,
        p.slug() + "-focus",
        null,
        m,
        Layout.SINGLE,
        "landing/focus/" + p.slug() + "/" + m,
        p.slug() + "-focus-" + m + p.dialect().extension());
  }

  /**
   * Which AWS export delivers the month {@code fromNewest} months before the newest, as a position
   * of {@link #aws}'s schedule: the native schedule's, or the one format an {@code output} forces.
   */
  private static int awsSchedule(Generator.Output output, int fromNewest) {
    return switch (output) {
      case NATIVE_AWS_FOCUS -> 0;
      case NATIVE_AWS_CUR -> 1;
      case NATIVE_AWS_CUR2 -> 3;
      default -> fromNewest;
    };
  }

  /**
   * Newest month: Data Exports FOCUS; the month before (restated): legacy CUR; before it: the
   * Athena integration's Parquet; before it: CUR 2.0; older: legacy CUR. (A three-month window, the
   * tests', holds the multi-part, manifest and Parquet layouts.)
   */
  private static Export aws(Provider p, YearMonth m, int fromNewest) {
    return switch (fromNewest) {
      case 0 ->
          new Export(
              p,
              Format.FOCUS,
              "aws-focus",
              null,
              m,
              Layout.DATA_EXPORT,
              "landing/aws/focus/meridian-focus",
              "meridian-focus");
      case 3 ->
          new Export(
              p,
              Format.AWS_CUR2,
              "aws-cur2",
              null,
              m,
              Layout.DATA_EXPORT,
              "landing/aws/cur2/meridian-cur2",
              "meridian-cur2");
      case 2 ->
          new Export(
              p,
              Format.AWS_CUR_PARQUET,
              "aws-cur-athena",
              null,
              m,
              Layout.ATHENA_PARQUET,
              "landing/aws/athena",
              "meridian-athena");
      default ->
          new Export(
              p,
              Format.AWS_CUR,
              "aws-cur",
              null,
              m,
              Layout.CUR_ASSEMBLY,
              "landing/aws/cur/meridian-cur",
              "meridian-cur");
    };
  }

  /** One export per billing account: EA partitioned, MCA partitioned but for its first month. */
  private static Export azure(Provider p, Account a, YearMonth m, boolean firstMonth) {
    boolean ea = a.currency().equals("USD");
    String kind = ea ? "ea" : "mca";
    String name = "meridian-" + kind + "-actual";
    return new Export(
        p,
        ea ? Format.AZURE_EA : Format.AZURE_MCA,
        "azure-" + kind,
        a,
        m,
        !ea && firstMonth ? Layout.AZURE_RUN_SINGLE : Layout.AZURE_RUN,
        "landing/azure/" + kind + "/" + name,
        name);
  }

  /** {@code 20260101-20260201}: a CUR billing period folder (end exclusive). */
  static String curPeriod(YearMonth m) {
    return m.atDay(1).format(YMD) + "-" + m.plusMonths(1).atDay(1).format(YMD);
  }

  /** {@code 20260101-20260131}: a Cost Management export's period folder (end inclusive). */
  static String azurePeriod(YearMonth m) {
    return m.atDay(1).format(YMD) + "-" + m.atEndOfMonth().format(YMD);
  }

  private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
}
