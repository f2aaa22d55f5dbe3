package dev.burnrate.etl.generate;

import dev.burnrate.etl.generate.Fleet.Account;
import dev.burnrate.etl.generate.Fleet.Provider;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which export file holds each provider's billing month, in which format, and the pipeline source
 * that reads it. Every (provider, billing account, month) is in exactly one file, so the demo's
 * sources never count a cost twice.
 *
 * <p>Native formats ({@link Generator.Output#NATIVE}), one pipeline source per format:
 *
 * <ul>
 *   <li>AWS moved its export twice: months before the last two as a legacy CUR ({@code aws-cur}),
 *       the month before the newest as a CUR 2.0 ({@code aws-cur2}), the newest as a Data Exports
 *       FOCUS 1.2 file ({@code focus});
 *   <li>Microsoft: the USD enrollment as an EA export ({@code azure-ea}: byte-order mark, CRLF,
 *       M/D/YYYY dates), the EUR billing profile as an MCA export ({@code azure-mca}: camelCase);
 *   <li>Google Cloud: one {@code gcp-billing} source, older months as CSV, the newest month as
 *       newline-delimited JSON;
 *   <li>Oracle: cost reports ({@code oci-cost}, CSV.gz with {@code tags/<ns>.<key>} columns);
 *   <li>CoreWeave: usage-only FOCUS 1.2 ({@code focus-usage}) priced by {@code
 *       conf/rate-cards/coreweave-usage.csv}.
 * </ul>
 *
 * <p>{@link Generator.Output#FOCUS}: every provider's month as its native FOCUS file, one source
 * per provider.
 */
final class Exports {
  private Exports() {}

  /** An export format as the generator writes it. */
  enum Format {
    FOCUS("focus"),
    AWS_CUR("aws-cur"),
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

  /**
   * One export file.
   *
   * @param account the billing account it holds, or null for all of the provider's
   * @param path relative to the output folder, '/' separated
   */
  record Export(
      Provider provider,
      Format format,
      String source,
      Account account,
      YearMonth month,
      String path) {}

  /** One pipeline.yaml source. */
  record Source(String name, String format, String path) {}

  static final String RATE_CARD_SOURCE = "coreweave-usage";

  /** The files of the window, provider by provider, month by month. */
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
          case "aws" -> out.add(aws(p, m, fromNewest));
          case "azure" -> {
            for (Account a : p.accounts()) {
              out.add(azure(p, a, m));
            }
          }
          case "gcp" -> out.add(gcp(p, m, fromNewest == 0));
          case "oci" ->
              out.add(
                  new Export(
                      p,
                      Format.OCI_COST,
                      "oci-cost",
                      null,
                      m,
                      "landing/oci/reports/cost-csv/cost-" + m + ".csv.gz"));
          case "coreweave" ->
              out.add(
                  new Export(
                      p,
                      Format.FOCUS_USAGE,
                      RATE_CARD_SOURCE,
                      null,
                      m,
                      "landing/coreweave/" + m + "/coreweave-usage-" + m + ".csv"));
          default -> throw new IllegalStateException("no export plan for " + p.slug());
        }
      }
    }
    return out;
  }

  /** The pipeline sources that read exactly the planned files. */
  static List<Source> sources(Fleet fleet, Generator.Output output) {
    List<Source> out = new ArrayList<>();
    if (output == Generator.Output.FOCUS) {
      for (Provider p : fleet.providers()) {
        out.add(new Source(p.slug() + "-focus", "focus", "landing/focus/" + p.slug() + "/**"));
      }
      return out;
    }
    out.add(new Source("aws-cur", "aws-cur", "landing/aws/cur/**"));
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
        "landing/focus/"
            + p.slug()
            + "/"
            + m
            + "/"
            + p.slug()
            + "-focus-"
            + m
            + p.dialect().extension());
  }

  private static Export aws(Provider p, YearMonth m, int fromNewest) {
    if (fromNewest == 0) {
      return new Export(
          p,
          Format.FOCUS,
          "aws-focus",
          null,
          m,
          "landing/aws/focus/meridian-focus/data/BILLING_PERIOD="
              + m
              + "/meridian-focus-00001"
              + p.dialect().extension());
    }
    if (fromNewest == 1) {
      return new Export(
          p,
          Format.AWS_CUR2,
          "aws-cur2",
          null,
          m,
          "landing/aws/cur2/meridian-cur2/data/BILLING_PERIOD="
              + m
              + "/meridian-cur2-00001.csv.gz");
    }
    DateTimeFormatter ymd = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    String period = m.atDay(1).format(ymd) + "-" + m.plusMonths(1).atDay(1).format(ymd);
    return new Export(
        p,
        Format.AWS_CUR,
        "aws-cur",
        null,
        m,
        "landing/aws/cur/meridian-cur/" + period + "/meridian-cur-00001.csv.gz");
  }

  private static Export azure(Provider p, Account a, YearMonth m) {
    boolean ea = a.currency().equals("USD");
    DateTimeFormatter ymd = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    String period = m.atDay(1).format(ymd) + "-" + m.atEndOfMonth().format(ymd);
    String kind = ea ? "ea" : "mca";
    return new Export(
        p,
        ea ? Format.AZURE_EA : Format.AZURE_MCA,
        "azure-" + kind,
        a,
        m,
        "landing/azure/"
            + kind
            + "/"
            + a.id()
            + "/"
            + period
            + "/meridian-"
            + kind
            + "-actual-"
            + period
            + ".csv");
  }

  private static Export gcp(Provider p, YearMonth m, boolean newest) {
    return new Export(
        p,
        newest ? Format.GCP_JSON : Format.GCP_CSV,
        "gcp-billing",
        null,
        m,
        "landing/gcp/billing-export-" + m + (newest ? ".jsonl" : ".csv"));
  }
}
