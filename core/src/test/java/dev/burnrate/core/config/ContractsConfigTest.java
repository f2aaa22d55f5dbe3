package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsConfigTest {
  @TempDir Path dir;

  private static final String HEAD =
      "contracts:\n"
          + "  - contract_id: c1\n"
          + "    provider: AWS\n"
          + "    currency: USD\n"
          + "    period: {start: 2025-01-01, end: 2027-01-01}\n";

  private String failure(String yaml) throws IOException {
    Path f = dir.resolve("contracts.yaml");
    Files.writeString(f, yaml);
    BurnrateException e = assertThrows(BurnrateException.class, () -> ContractsConfig.load(f));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e.getMessage();
  }

  @Test
  void theShippedContractsLoadAndAddUp() {
    ContractsConfig c = ContractsConfig.load(Path.of("../conf/contracts.yaml"));
    ContractsConfig.Contract aws = c.contracts().get(0);
    assertEquals("aws-2025-gpu-7y", aws.contractId());
    assertEquals(7, aws.commitments().size());
    assertEquals(0, new BigDecimal("38000000000").compareTo(aws.total()));
    assertTrue(
        c.contracts().stream()
            .anyMatch(k -> k.commitments().stream().anyMatch(m -> m.category().equals("Usage"))));
  }

  @Test
  void overlappingPeriodsAreRejected() throws IOException {
    String m =
        failure(
            HEAD
                + "    commitments:\n"
                + "      - {id: a, category: Spend, period: {start: 2025-01-01, end: 2026-01-01}, amount: 10}\n"
                + "      - {id: b, category: Spend, period: {start: 2025-12-01, end: 2027-01-01}, amount: 10}\n");
    assertTrue(m.contains("commitment 'b'") && m.contains("overlaps commitment 'a'"), m);
  }

  @Test
  void periodOutsideTheContractIsRejected() throws IOException {
    String m =
        failure(
            HEAD
                + "    commitments:\n"
                + "      - {id: a, category: Spend, period: {start: 2026-06-01, end: 2027-06-01}, amount: 10}\n");
    assertTrue(m.contains("lies outside the contract period"), m);
  }

  @Test
  void totalMustEqualTheSpendCommitments() throws IOException {
    String m =
        failure(
            HEAD.replace("currency: USD\n", "currency: USD\n    total: 25\n")
                + "    commitments:\n"
                + "      - {id: a, category: Spend, period: {start: 2025-01-01, end: 2026-01-01}, amount: 10}\n"
                + "      - {id: b, category: Spend, period: {start: 2026-01-01, end: 2027-01-01}, amount: 10}\n");
    assertTrue(m.contains("total 25 does not equal the sum of its Spend commitments 20"), m);
  }

  private static final String SPEND_A =
      "    commitments:\n"
          + "      - {id: a, category: Spend, period: {start: 2025-01-01, end: 2026-01-01}, amount: 10}\n";

  @Test
  void anyProviderIsAcceptedWithItsAliases() throws IOException {
    Path f = dir.resolve("contracts.yaml");
    Files.writeString(
        f,
        HEAD.replace("provider: AWS", "provider: Acme Co")
            + "    provider_aliases: [Acme Corporation, ACME]\n"
            + SPEND_A);
    ContractsConfig.Contract c = ContractsConfig.load(f).contracts().get(0);
    assertEquals("Acme Co", c.provider());
    assertEquals(List.of("Acme Corporation", "ACME"), c.providerAliases());

    Files.writeString(f, HEAD + SPEND_A);
    assertEquals(List.of(), ContractsConfig.load(f).contracts().get(0).providerAliases());
  }

  @Test
  void providerAliasesAreTypedAndDistinct() throws IOException {
    String unknownKey = failure(HEAD + "    provider_alias: [Amazon Web Services]\n" + SPEND_A);
    assertTrue(unknownKey.contains("contracts.yaml:6: unknown key 'provider_alias'"), unknownKey);
    String twice = failure(HEAD + "    provider_aliases: [Amazon, AWS]\n" + SPEND_A);
    assertTrue(twice.contains("provider_aliases names 'AWS' twice (or as the provider)"), twice);
    String blank = failure(HEAD.replace("provider: AWS", "provider: ' '") + SPEND_A);
    assertTrue(blank.contains("provider is blank"), blank);
  }

  @Test
  void usageWithoutUnitIsRejected() throws IOException {
    String u =
        failure(
            HEAD
                + "    commitments:\n"
                + "      - {id: a, category: Usage, period: {start: 2025-01-01, end: 2026-01-01}, quantity: 10}\n");
    assertTrue(u.contains("needs a positive quantity and a unit"), u);
  }

  @Test
  void gpuHourRateComesFromTheCommitmentElseTheRateCard() throws IOException {
    String usage =
        "    commitments:\n"
            + "      - {id: a, category: Usage, period: {start: 2025-01-01, end: 2026-01-01},"
            + " quantity: 10, unit: GPU-hours}\n"
            + "      - {id: b, category: Usage, period: {start: 2026-01-01, end: 2027-01-01},"
            + " quantity: 10, unit: GPU-hours, rate: 3.10}\n";
    Path f = dir.resolve("contracts.yaml");
    Files.writeString(f, HEAD + "    rates: {GPU-hours: 2.50}\n" + usage);
    ContractsConfig.Contract c = ContractsConfig.load(f).contracts().get(0);
    assertEquals(new BigDecimal("2.50"), c.usageRate(c.commitments().get(0)));
    assertEquals(new BigDecimal("3.10"), c.usageRate(c.commitments().get(1)));
    Files.writeString(f, HEAD + usage);
    ContractsConfig.Contract noCard = ContractsConfig.load(f).contracts().get(0);
    assertEquals(null, noCard.usageRate(noCard.commitments().get(0)), "no rate: not valued");

    String negative = failure(HEAD + usage.replace("rate: 3.10", "rate: -1"));
    assertTrue(
        negative.contains("commitment 'b': rate -1 is not a positive price per GPU-hours in USD"),
        negative);
    String card = failure(HEAD + "    rates: {GPU-hours: 0}\n" + usage);
    assertTrue(
        card.contains("rates: 'GPU-hours' needs a positive price per unit in USD, not 0"), card);
    String unit = failure(HEAD + "    rates: {GPU-hour: 2.50}\n" + usage);
    assertTrue(
        unit.contains("rates: unit 'GPU-hour' is the unit of none of its Usage commitments"), unit);
    String spend = failure(HEAD + SPEND_A.replace("amount: 10}", "amount: 10, rate: 2}"));
    assertTrue(spend.contains("rate is only for a Usage commitment"), spend);
  }

  @Test
  void absentFileMeansNoContracts() {
    assertEquals(0, ContractsConfig.load(dir.resolve("none.yaml")).contracts().size());
  }

  @Test
  void rampCurveLoadsAndMustRiseInsideThePeriod() throws IOException {
    Path f = dir.resolve("contracts.yaml");
    Files.writeString(
        f,
        HEAD
            + "    discount_pct: 12.5\n"
            + "    commitments:\n"
            + "      - id: a\n"
            + "        category: Spend\n"
            + "        period: {start: 2025-01-01, end: 2026-01-01}\n"
            + "        amount: 100\n"
            + "        ramp: [{date: 2025-07-01, share: 0.25}, {date: 2025-10-01, share: 0.5}]\n");
    ContractsConfig.Commitment a = ContractsConfig.load(f).contracts().get(0).commitments().get(0);
    assertEquals(2, a.ramp().size());
    assertEquals(0, new BigDecimal("0.25").compareTo(a.ramp().get(0).share()));

    String ramp =
        "      - id: a\n"
            + "        category: Spend\n"
            + "        period: {start: 2025-01-01, end: 2026-01-01}\n"
            + "        amount: 100\n"
            + "        ramp: ";
    String outside =
        failure(HEAD + "    commitments:\n" + ramp + "[{date: 2026-01-01, share: 0.5}]\n");
    assertTrue(outside.contains("ramp date 2026-01-01 must lie inside the period"), outside);
    String falling =
        failure(
            HEAD
                + "    commitments:\n"
                + ramp
                + "[{date: 2025-03-01, share: 0.5}, {date: 2025-06-01, share: 0.4}]\n");
    assertTrue(falling.contains("ramp share 0.4 on 2025-06-01 must be between"), falling);
  }

  @Test
  void discountOutsideZeroToHundredIsRejected() throws IOException {
    String m =
        failure(
            HEAD
                + "    discount_pct: 100\n"
                + "    commitments:\n"
                + "      - {id: a, category: Spend, period: {start: 2025-01-01, end: 2026-01-01}, amount: 10}\n");
    assertTrue(m.contains("discount_pct 100 is not in [0, 100)"), m);
  }

  /**
   * A contract without commitments: an error, unless a Contract Commitment dataset may carry them
   * (the warehouse build then checks that it does).
   */
  @Test
  void aContractMayLeaveItsCommitmentsToTheDatasetOnly() throws IOException {
    assertTrue(failure(HEAD + "    total: 10\n").contains("contract 'c1': has no commitments"));
    Path f = dir.resolve("contracts.yaml");
    assertEquals(0, ContractsConfig.load(f, true).contracts().get(0).commitments().size());
  }

  @Test
  void marketplaceDefaultsToNoneAndTheOldKeyIsRefusedNamingTheNewOne() throws IOException {
    Path f = dir.resolve("contracts.yaml");
    Files.writeString(f, HEAD + SPEND_A);
    ContractsConfig.Marketplace none =
        ContractsConfig.load(f).contracts().get(0).eligibility().marketplace();
    assertEquals("none", none.counts());
    assertEquals(0, BigDecimal.ZERO.compareTo(none.factor()));
    Files.writeString(
        f,
        HEAD
            + "    eligibility: {marketplace: {counts: full, cap_share_of_commitment: 0.1}}\n"
            + SPEND_A);
    ContractsConfig.Marketplace full =
        ContractsConfig.load(f).contracts().get(0).eligibility().marketplace();
    assertEquals(0, BigDecimal.ONE.compareTo(full.factor()));
    assertEquals(0, new BigDecimal("0.1").compareTo(full.capShareOfCommitment()));

    String old = failure(HEAD + "    eligibility:\n      marketplace_share: 0.25\n" + SPEND_A);
    assertTrue(
        old.contains("contracts.yaml:7: key 'marketplace_share' is replaced by 'marketplace:"),
        old);
    String noShare = failure(HEAD + "    eligibility: {marketplace: {counts: share}}\n" + SPEND_A);
    assertTrue(noShare.contains("counts: share needs a share in (0, 1]"), noShare);
    String capWithoutCount =
        failure(
            HEAD + "    eligibility: {marketplace: {cap_share_of_commitment: 0.1}}\n" + SPEND_A);
    assertTrue(capWithoutCount.contains("cap_share_of_commitment needs counts"), capWithoutCount);
    String badCounts = failure(HEAD + "    eligibility: {marketplace: {counts: half}}\n" + SPEND_A);
    assertTrue(badCounts.contains("counts 'half' is not none, full or share"), badCounts);
  }
}
