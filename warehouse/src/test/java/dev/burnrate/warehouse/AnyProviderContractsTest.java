package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts for any provider (issue 15): a contract names its provider as the cost rows do
 * (ProviderName or ServiceProviderName), with aliases for other spellings, and a provider no row
 * names is a warning of the build, not a failure. Numbers computed by hand.
 */
class AnyProviderContractsTest {
  @TempDir Path tmp;

  private static final LocalDate AS_OF = LocalDate.parse("2026-01-10");

  /**
   * Acme Co, a SaaS vendor outside the built-in providers, burns its own 20 a day for Jan 1-10:
   * 200. The AWS contract with the alias "Amazon Web Services" burns, Jan 1-10: AWS rows 10 a day
   * (100), rows under the alias 5 a day (50), and one 7.00 row whose ProviderName is a reseller but
   * whose ServiceProviderName is the alias: 157. It does not burn 1,000 of marketplace spend
   * published by a third party under the alias (marketplace counts none, the default), and Acme Co
   * does not burn the reseller's row. Every contract's provider is seen: no warnings.
   */
  @Test
  void aContractBurnsRowsUnderItsProviderOrAnAliasOfIt() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract("acme-2026", "Acme Co", "USD", "2026-01-01", "2027-01-01")
                    .spend("acme-2026-y1", "2026-01-01", "2027-01-01", "3650")
                    .contract(
                        "aws-2026",
                        "AWS",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "provider_aliases: [Amazon Web Services]")
                    .spend("aws-2026-y1", "2026-01-01", "2027-01-01", "36500")
                    .yaml());
    wh.rows(CostRow.daily("Acme Co", "2026-01-01", "2026-01-10", "20.00"));
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2026-01-10", "10.00"));
    wh.rows(CostRow.daily("Amazon Web Services", "2026-01-01", "2026-01-10", "5.00"));
    wh.rows(
        CostRow.charge("Acme Resale", LocalDate.parse("2026-01-05"), "7.00")
            .set("ServiceProviderName", "Amazon Web Services")
            .set("PublisherName", "Amazon Web Services"),
        CostRow.charge("Amazon Web Services", LocalDate.parse("2026-01-03"), "1000.00")
            .set("PublisherName", "Databricks"));

    BuildResult result = wh.build(AS_OF);

    assertEquals(
        List.of("acme-2026-y1 | Acme Co | 200", "aws-2026-y1 | AWS | 157"),
        wh.query(
            "select commitment_id, provider, burned::double from fct_commitment_status"
                + " order by commitment_id"));
    assertEquals(
        List.of("acme-2026-y1 | 10", "aws-2026-y1 | 21"),
        wh.query(
            "select commitment_id, sum(row_count) from fct_commitment_burn_daily"
                + " group by commitment_id order by commitment_id"));
    assertEquals(List.of(), result.warnings());
  }

  /**
   * A contract whose provider and aliases name no ingested row (its feed has not arrived, or the
   * name is spelled differently) burns nothing; the build succeeds and warns, listing the names the
   * cost rows do carry so the operator can add the right alias. The contract that matches burns as
   * usual (AWS 10 a day for Jan 1-10: 100).
   */
  @Test
  void aProviderNoRowNamesIsAWarningListingTheNamesSeen() {
    TestWarehouse wh =
        new TestWarehouse(tmp)
            .contracts(
                new Contracts()
                    .contract(
                        "nebula-2026",
                        "Nebula GPU",
                        "USD",
                        "2026-01-01",
                        "2027-01-01",
                        "provider_aliases: [Nebula]")
                    .spend("nebula-2026-y1", "2026-01-01", "2027-01-01", "3650")
                    .contract("aws-2026", "AWS", "USD", "2026-01-01", "2027-01-01")
                    .spend("aws-2026-y1", "2026-01-01", "2027-01-01", "36500")
                    .yaml());
    wh.rows(CostRow.daily("AWS", "2026-01-01", "2026-01-10", "10.00"));
    wh.rows(
        CostRow.charge("Acme Co", LocalDate.parse("2026-01-02"), "3.00")
            .set("ServiceProviderName", "Acme Cloud Services"));

    BuildResult result = wh.build(AS_OF);

    assertEquals(
        List.of(
            "contract nebula-2026: provider 'Nebula GPU' / 'Nebula' matches no ingested cost row"
                + " (ProviderName or ServiceProviderName), so nothing burns it; provider names"
                + " seen in focus_cost: 'AWS', 'Acme Cloud Services', 'Acme Co' (a different"
                + " spelling of the same provider belongs in provider_aliases)"),
        result.warnings());
    assertEquals(
        List.of("aws-2026-y1 | 100", "nebula-2026-y1 | 0"),
        wh.query(
            "select commitment_id, burned::double from fct_commitment_status order by commitment_id"));
  }
}
