package dev.burnrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report for a past day (a backfill) shows only what is dated up to that day: {@link
 * PointInTimeCheck} on a small folder and on the demo's, each already ingested by another test
 * class (no Spark run of its own).
 */
class PointInTimeReportTest {
  @TempDir Path dir;

  /**
   * Twelve generated days of AWS and Azure end 2026-10-20 ({@link NightlyOperationsTest}'s folder,
   * whose nightly for the last day ingested every file); the report for 2026-10-14, in the middle,
   * shows nothing later. The providers whose feeds the folder leaves out show their commitments as
   * having no data, not as off track.
   */
  @Test
  void aPastDaysReportEqualsTheReportOfTheDataTruncatedToThatDay() throws Exception {
    LocalDate asOf = LocalDate.of(2026, 10, 14);
    Path all = PointInTimeCheck.copyData(NightlyOperationsTest.ingested(), dir.resolve("all"));

    PointInTimeCheck.Report report =
        PointInTimeCheck.pastDayReportShowsNothingLater(all, dir, asOf);

    String text = report.text();
    assertTrue(text.contains("As of 14 October 2026"), text);
    assertTrue(
        text.replaceAll("\\s+", " ").contains("data up to 2026-10-14."),
        "page 1's data end: " + text);
    // the data folder keeps AWS's and Azure's feeds only: Google Cloud's and Oracle's current
    // commitment periods have no charge to judge, so no data, not off track with a shortfall
    for (String provider : List.of("Google Cloud", "Oracle")) {
      assertTrue(
          text.contains("NO DATA\n" + provider + "   ")
              && text.contains("No charge of " + provider + " in this period up to the as-of day"),
          provider + ": " + text);
    }
    keep(report, NightlyOperationsTest.DAY, "small");
  }

  /**
   * The demo's data ({@link EndToEndTest#demo()}: every provider's native exports from 2026-08-12
   * to 2026-10-20, AWS's September re-delivered, telemetry on the last day) and its report for
   * 2026-09-20, day 40 of 70, which has the most to leave out:
   *
   * <ul>
   *   <li>it lies in the restated month: the re-delivery re-rated 15 September, before it, and both
   *       versions of the month hold ten days after it. The run that ingested the re-delivery is
   *       dated 2026-09-20 here, as when the backfill for that day is the run that finds the
   *       re-delivered month, so the report lists the restatement ("since the last report": runs
   *       dated in the seven days up to the as-of day), with the amounts up to that day;
   *   <li>every commitment period is current and has run for weeks (CoreWeave's since 15 August,
   *       Azure's, Google Cloud's and Oracle's since 1 September, AWS's since 3 September), each
   *       with burn, pace and a forecast from a run rate that later days would change; Oracle's
   *       correction of 12 September lies before it;
   *   <li>it is a month before the telemetry and before the first month of the AWS FOCUS feed, so
   *       the GPU page and the sources' freshness have later data to ignore.
   * </ul>
   */
  @Test
  void theDemosReportForADayInTheRestatedMonthShowsNothingLater() throws Exception {
    LocalDate asOf = LocalDate.of(2026, 9, 20);
    Path all = PointInTimeCheck.copyData(EndToEndTest.demo(), dir.resolve("all"));
    assertEquals(1, restatingRunsDated(all, asOf), "one run ingested the re-delivered month");

    PointInTimeCheck.Report report =
        PointInTimeCheck.pastDayReportShowsNothingLater(all, dir, asOf);

    assertTrue(
        report.rowsLeftOut().values().stream().allMatch(rows -> rows > 0),
        "the truncated lake left out cost, replaced and telemetry rows: " + report.rowsLeftOut());
    String text = report.text();
    assertTrue(text.contains("As of 20 September 2026"), text);
    assertFalse(text.contains("No billing period was restated"), text);
    assertTrue(
        Pattern.compile("\nAWS \\S+ 2026-09 ").matcher(text).find(),
        "the restatements list AWS's September: " + text);
    keep(report, EndToEndTest.AS_OF, "demo");
  }

  /**
   * Dates every run that replaced a unit (a re-delivered billing period) on {@code day}, in its
   * manifest's as_of; how many there are.
   */
  private static int restatingRunsDated(Path data, LocalDate day) throws Exception {
    ObjectMapper json = new ObjectMapper();
    int restating = 0;
    List<Path> manifests;
    try (Stream<Path> s = Files.list(data.resolve("lake/_runs"))) {
      manifests = s.filter(p -> p.toString().endsWith(".json")).toList();
    }
    for (Path manifest : manifests) {
      JsonNode run = json.readTree(manifest.toFile());
      boolean replaced = false;
      for (JsonNode unit : run.path("units")) {
        replaced |= unit.get("action").asText().equals("replaced");
      }
      if (replaced) {
        ((ObjectNode) run).put("as_of", day.toString());
        json.writeValue(manifest.toFile(), run);
        restating++;
      }
    }
    return restating;
  }

  /**
   * -Dburnrate.reports.keep=DIR keeps the past day's PDF in DIR/{@code name} and, for looking at
   * both, renders and keeps the last day's too.
   */
  private static void keep(PointInTimeCheck.Report report, LocalDate lastDay, String name)
      throws Exception {
    String keep = System.getProperty("burnrate.reports.keep");
    if (keep == null) {
      return;
    }
    Path to = Files.createDirectories(Path.of(keep, name));
    Path recent = PointInTimeCheck.warehouseAndReport(report.data(), lastDay);
    for (Path pdf : List.of(report.pdf(), recent)) {
      Files.copy(pdf, to.resolve(pdf.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
