package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every headline number of the PDF against the warehouse it was rendered from: the test queries the
 * rpt_ relations itself, formats each figure its own way (BigDecimal arithmetic, not the report's
 * formatter) and looks for it in the PDF's text.
 *
 * <p>Runs on the fixture warehouse, and on a real demo warehouse when one is named: {@code
 * -Dburnrate.reports.warehouse=/tmp/r-demo/warehouse/burnrate.duckdb} (as built by {@code
 * bin/burnrate demo --out /tmp/r-demo}).
 */
class HeadlineNumbersTest {
  @TempDir static Path dir;

  static Stream<Arguments> warehouses() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("fixture", WarehouseFixture.create(dir)));
    String demo = System.getProperty("burnrate.reports.warehouse", "");
    if (!demo.isEmpty()) {
      cases.add(Arguments.of(demo, Path.of(demo)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warehouses")
  void headlineNumbersMatchTheWarehouse(String name, Path warehouse) throws Exception {
    assertTrue(Files.isRegularFile(warehouse), "no warehouse at " + warehouse);
    LocalDate asOf;
    List<Executable> checks = new ArrayList<>();
    String text;
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse, ro);
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT * FROM rpt_summary")) {
        assertTrue(r.next(), "rpt_summary has its row");
        asOf = r.getDate("as_of_date").toLocalDate();
        text = render(warehouse, asOf);
        String cur = symbol(r.getString("reporting_currency"));
        for (String column :
            List.of(
                "spend_mtd",
                "spend_prior_mtd",
                "spend_qtd",
                "spend_prior_qtd",
                "spend_ytd",
                "spend_prior_ytd",
                "spend_total")) {
          String expected = human(r.getBigDecimal(column), cur);
          checks.add(() -> assertTrue(text.contains(expected), column + " = " + expected));
        }
        // money at risk: the current commitments' shortfall in money, GPU-hour ones included
        // (fixture: EUR 69M short = $75.9M, 350,000 GPU-hours at 2.00 = $0.7M: $76.6M)
        try (Statement risk = c.createStatement();
            ResultSet m =
                risk.executeQuery(
                    "SELECT coalesce(sum(projected_shortfall_reporting), 0)"
                        + " FROM rpt_commitment_status WHERE is_current")) {
          m.next();
          String expected = "Money at risk: " + human(m.getBigDecimal(1), cur);
          checks.add(() -> assertTrue(text.contains(expected), expected));
        }
        for (String[] pair :
            new String[][] {
              {"spend_mtd", "spend_prior_mtd"},
              {"spend_qtd", "spend_prior_qtd"},
              {"spend_ytd", "spend_prior_ytd"}
            }) {
          BigDecimal now = r.getBigDecimal(pair[0]);
          BigDecimal prior = r.getBigDecimal(pair[1]);
          if (prior.signum() != 0) {
            BigDecimal pct =
                now.subtract(prior)
                    .multiply(BigDecimal.valueOf(100))
                    .divide(prior, 1, RoundingMode.HALF_UP);
            String expected =
                pct.signum() == 0
                    ? "= 0.0% vs prior"
                    : (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + "% vs prior";
            checks.add(() -> assertTrue(text.contains(expected), pair[0] + ": " + expected));
          }
        }
      }
      // the status line of every current commitment period: burn %, minimum, pace, shortfall
      try (ResultSet r =
          s.executeQuery("SELECT * FROM rpt_commitment_status WHERE is_current ORDER BY 1, 2")) {
        while (r.next()) {
          String category = r.getString("category");
          String unit = r.getString("unit");
          String id = r.getString("commitment_id");
          String burned =
              BigDecimal.valueOf(r.getDouble("burn_pct")).setScale(1, RoundingMode.HALF_UP)
                  + "% of "
                  + amount(r.getBigDecimal("committed"), category, unit)
                  + " burned";
          checks.add(() -> assertTrue(text.contains(burned), id + ": " + burned));
          int days = r.getInt("days_ahead_or_behind");
          if (!r.wasNull() && days != 0) {
            String pace = Math.abs(days) + (Math.abs(days) == 1 ? " day " : " days ");
            String paced = pace + (days > 0 ? "ahead" : "behind");
            checks.add(() -> assertTrue(text.contains(paced), id + ": " + paced));
          }
          BigDecimal shortfall = r.getBigDecimal("projected_shortfall");
          if (shortfall != null && shortfall.signum() > 0) {
            String expected = "projected shortfall " + amount(shortfall, category, unit);
            checks.add(() -> assertTrue(text.contains(expected), id + ": " + expected));
          }
        }
      }
      // the exact billed cost per provider and billing currency
      try (ResultSet r = s.executeQuery("SELECT * FROM rpt_provider_spend")) {
        while (r.next()) {
          String exact = String.format(Locale.US, "%,.2f", r.getBigDecimal("billed_cost"));
          String provider = r.getString("provider");
          checks.add(() -> assertTrue(text.contains(exact), provider + ": " + exact));
        }
      }
    }
    assertTrue(checks.size() >= 10, "checked " + checks.size() + " figures");
    assertAll(name, checks);
  }

  private static String render(Path warehouse, LocalDate asOf) throws Exception {
    RenderResult result =
        ReportRenderer.render(warehouse, dir.resolve("headline-" + asOf + ".pdf"), asOf);
    // -Dburnrate.reports.keep=DIR keeps a copy, for looking at it (and its render time in the name)
    String keep = System.getProperty("burnrate.reports.keep");
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      Files.copy(
          result.pdf(),
          Path.of(keep)
              .resolve(
                  warehouse.getFileName()
                      + "-"
                      + result.elapsed().toMillis()
                      + "ms-"
                      + asOf
                      + ".pdf"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (PDDocument doc = Loader.loadPDF(result.pdf().toFile())) {
      return new PDFTextStripper().getText(doc).replace('\n', ' ').replace("\r", "");
    }
  }

  /**
   * The test's own humanizer, in BigDecimal: the next larger unit takes over once the smaller one
   * would show 1000 or more (999.5 is 1.0K, 999,949 is 999.9K, 999,950 is 1.0M).
   */
  private static String human(BigDecimal v, String prefix) {
    BigDecimal abs = v.abs();
    String sign = v.signum() < 0 ? "-" : "";
    String shown = abs.setScale(0, RoundingMode.HALF_UP).toPlainString();
    BigDecimal thousand = BigDecimal.valueOf(1000);
    if (abs.setScale(0, RoundingMode.HALF_UP).compareTo(thousand) >= 0) {
      String[] suffixes = {"K", "M", "B"};
      for (int i = 0; i < suffixes.length; i++) {
        BigDecimal scaled = abs.movePointLeft(3 * (i + 1)).setScale(1, RoundingMode.HALF_UP);
        shown = scaled.toPlainString() + suffixes[i];
        if (scaled.compareTo(thousand) < 0 || i == suffixes.length - 1) {
          break;
        }
      }
    }
    return sign + prefix + shown;
  }

  private static String amount(BigDecimal v, String category, String unit) {
    return "Spend".equals(category) ? human(v, symbol(unit)) : human(v, "") + " " + unit;
  }

  private static String symbol(String currency) {
    return switch (currency) {
      case "USD" -> "$";
      case "EUR" -> "€";
      case "GBP" -> "£";
      case "JPY" -> "¥";
      default -> currency + " ";
    };
  }
}
