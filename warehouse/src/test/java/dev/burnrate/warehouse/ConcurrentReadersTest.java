package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the warehouse rebuilds and publishes, `burnrate sql` in a loop (a new read-only connection
 * per query, as the command makes) never fails and never sees a mix of old and new numbers: each
 * answer holds focus_cost's, fct_spend_daily's and rpt_summary's totals of one and the same build.
 */
class ConcurrentReadersTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 10, 15);
  static final String QUERY =
      "select (select sum(BilledCost) from focus_cost)::decimal(18, 2) as focus_cost,"
          + " (select sum(billed_cost) from fct_spend_daily)::decimal(18, 2) as fct_spend_daily,"
          + " (select spend_total from rpt_summary) as rpt_summary";

  @TempDir Path tmp;

  @Test
  void sqlQueriesDuringRebuildsSeeOneWholeBuildOrTheOther() throws Exception {
    TestWarehouse wh = new TestWarehouse(tmp);
    wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, 1), "10.00")).build(AS_OF);
    Path file = wh.warehouseFile();
    List<String> answers = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean building = new AtomicBoolean(true);
    Thread reader =
        new Thread(
            () -> {
              while (building.get()) {
                try {
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  SqlQuery.run(
                      file,
                      QUERY,
                      SqlQuery.Format.CSV,
                      new PrintStream(out, true, StandardCharsets.UTF_8));
                  answers.add(
                      out.toString(StandardCharsets.UTF_8).lines().skip(1).findFirst().orElse(""));
                } catch (Throwable t) {
                  failures.add(t);
                  return;
                }
              }
            },
            "burnrate-sql-loop");
    reader.start();
    try {
      // three more builds, each adding a charge of 5.00
      for (int i = 2; i <= 4; i++) {
        wh.rows(CostRow.charge("AWS", LocalDate.of(2026, 10, i), "5.00")).build(AS_OF);
      }
    } finally {
      building.set(false);
      reader.join();
    }

    assertEquals(List.of(), failures);
    assertTrue(!answers.isEmpty(), "the reader answered at least once");
    Set<String> wholeBuilds =
        Set.of("10.00,10.00,10.00", "15.00,15.00,15.00", "20.00,20.00,20.00", "25.00,25.00,25.00");
    for (String answer : answers) {
      assertTrue(wholeBuilds.contains(answer), "a mix of builds: " + answer);
    }
    assertEquals(List.of("25.00 | 25.00 | 25.00"), wh.query(QUERY));
  }
}
