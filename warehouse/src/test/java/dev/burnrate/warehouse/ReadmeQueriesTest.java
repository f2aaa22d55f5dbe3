package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```sql block of the README's "Querying the warehouse" section, then every one of
 * docs/queries.md (the README's overflow), runs, as written, through `burnrate sql` against a small
 * warehouse; the FOCUS use-case query returns the bill's totals.
 */
class ReadmeQueriesTest {
  static final Path README = Path.of("../README.md");
  static final Path MORE_QUERIES = Path.of("../docs/queries.md");
  static final Pattern SQL_BLOCK = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL);

  @TempDir Path tmp;

  static List<String> readmeQueries() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("## Querying the warehouse\n");
    int end = readme.indexOf("\n## ", start + 1);
    List<String> queries = sqlBlocks(readme.substring(start, end < 0 ? readme.length() : end));
    queries.addAll(sqlBlocks(Files.readString(MORE_QUERIES, StandardCharsets.UTF_8)));
    return queries;
  }

  private static List<String> sqlBlocks(String markdown) {
    Matcher m = SQL_BLOCK.matcher(markdown);
    List<String> queries = new ArrayList<>();
    while (m.find()) {
      queries.add(m.group(1));
    }
    return queries;
  }

  private static int indexOf(List<String> queries, String text) {
    for (int i = 0; i < queries.size(); i++) {
      if (queries.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no README query holds: " + text);
  }

  @Test
  void everyQueryOfTheReadmeRunsAgainstTheWarehouse() throws IOException {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                """
                contracts:
                  - contract_id: aws-2026
                    provider: AWS
                    currency: USD
                    period: {start: 2026-01-01, end: 2027-01-01}
                    commitments:
                      - {id: aws-2026-y1, category: Spend, period: {start: 2026-01-01, end: 2027-01-01}, amount: 3650}
                """);
    for (LocalDate d = LocalDate.of(2026, 10, 1); d.getMonthValue() == 10; d = d.plusDays(1)) {
      wh.rows(
          CostRow.charge("AWS", d, "10.00").set("Tags", "{\"team\": \"research\"}"),
          CostRow.charge("Oracle", d, "2.50").service("Object Storage"));
    }
    Path file = wh.build(LocalDate.of(2026, 10, 31)).warehouseFile();
    List<String> queries = readmeQueries();
    assertTrue(queries.size() >= 9, "sql blocks found: " + queries.size());

    List<String> outputs = new ArrayList<>();
    for (String sql : queries) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SqlQuery.run(
          file, sql, SqlQuery.Format.CSV, new PrintStream(out, true, StandardCharsets.UTF_8));
      outputs.add(out.toString(StandardCharsets.UTF_8));
    }

    assertTrue(queries.get(0).contains("FROM focus_cost"), queries.get(0));
    List<String> focus = outputs.get(0).lines().toList();
    assertEquals(
        "ProviderName,BillingAccountId,BillingAccountName,BillingCurrency,ServiceName,"
            + "TotalBilledCost",
        focus.get(0));
    assertEquals(
        List.of(
            "AWS,acct-1,,USD,Compute,310.0000000000",
            "Oracle,acct-1,,USD,Object Storage,77.5000000000"),
        focus.subList(1, focus.size()).stream().sorted().toList());
    assertTrue(outputs.get(1).contains("aws-2026-y1"), outputs.get(1));
    // October is the as-of month, September has no data, and both providers' daily rows reach the
    // end of Oct 31: AWS 31 x 10 = 310 month to date, complete
    int calendar = indexOf(queries, "from fct_spend_daily as spend join dim_date");
    assertTrue(
        outputs.get(calendar).lines().anyMatch(l -> l.matches("AWS,310(\\.0+)?,,true")),
        outputs.get(calendar));
    // docs/queries.md's showback: AWS's 31 October days of 10, all tagged team=research
    int showback = indexOf(queries, "from fct_showback_monthly");
    assertTrue(
        outputs.get(showback).lines().anyMatch(l -> l.matches("research,310(\\.0+)?,.*")),
        outputs.get(showback));
  }
}
