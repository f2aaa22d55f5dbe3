package dev.burnrate.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.SourceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The focus-contract-commitments source read beside contracts.yaml (WarehouseContracts): CSV, gzip
 * and Parquet files under the FOCUS 1.3 Contract Commitment columns; a bad row stops the build with
 * file, line, column and reason (exit 3); contracts.yaml and the file disagreeing names both.
 */
class ContractCommitmentDatasetTest {
  @TempDir Path tmp;

  private static final String HEADER =
      "ContractId,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentCost,"
          + "ContractCommitmentQuantity,ContractCommitmentUnit,ContractCommitmentPeriodStart,"
          + "ContractCommitmentPeriodEnd,ContractPeriodStart,ContractPeriodEnd,BillingCurrency,"
          + "ContractCommitmentDescription\n";

  /** Line 2: a Spend year whose description spans two lines; line 4: a Usage commitment. */
  private static final String GOOD =
      HEADER
          + "k1,k1-y1,Spend,1000.50,,,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z,2026-01-01,"
          + "2028-01-01,USD,\"first year,\nall services\"\n"
          + "k1,k1-gpuh,Usage,,500,GPU-hours,2026-01-01,2027-01-01,2026-01-01,2028-01-01,USD,\n";

  private TestWarehouse warehouse(String glob) {
    return new TestWarehouse(tmp)
        .sources(
            new SourceConfig(
                "acme", "focus-contract-commitments", glob, Map.of("provider", "Acme Co"), null));
  }

  private BurnrateException loadFails(String glob) {
    return assertThrows(
        BurnrateException.class, () -> WarehouseContracts.load(warehouse(glob).config()));
  }

  private Path landing(String name) throws IOException {
    Path file = tmp.resolve("data/landing/acme").resolve(name);
    Files.createDirectories(file.getParent());
    return file;
  }

  private static String describe(Commitment m) {
    return m.id()
        + " "
        + m.category()
        + " "
        + m.period()
        + " "
        + (m.amount() == null
            ? m.quantity().toPlainString() + " " + m.unit()
            : m.amount().stripTrailingZeros().toPlainString());
  }

  private static List<String> commitments(ContractsConfig cfg) {
    return cfg.contracts().stream()
        .flatMap(k -> k.commitments().stream().map(m -> k.contractId() + " " + describe(m)))
        .toList();
  }

  private static final List<String> GOOD_COMMITMENTS =
      List.of(
          "k1 k1-y1 Spend [2026-01-01, 2027-01-01) 1000.5",
          "k1 k1-gpuh Usage [2026-01-01, 2027-01-01) 500 GPU-hours");

  @Test
  void csvGzipAndParquetFilesGiveTheSameCommitments() throws Exception {
    Files.writeString(landing("a.csv"), GOOD);
    assertEquals(
        GOOD_COMMITMENTS,
        commitments(WarehouseContracts.load(warehouse("landing/acme/a.csv").config())));

    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(landing("2026/01/b.csv.gz")))) {
      out.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(
        GOOD_COMMITMENTS,
        commitments(WarehouseContracts.load(warehouse("landing/acme/2026/**").config())));

    Path parquet = landing("c.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select * from read_csv('"
              + landing("a.csv")
              + "', all_varchar = true)) to '"
              + parquet
              + "' (format parquet)");
    }
    ContractsConfig fromParquet =
        WarehouseContracts.load(warehouse("landing/acme/c.parquet").config());
    assertEquals(GOOD_COMMITMENTS, commitments(fromParquet));
    assertEquals("Acme Co", fromParquet.contracts().get(0).provider());
  }

  /** Line 6 is the bad row: the header, a two-line row, a blank line and a row come before it. */
  private String badRow(String row) throws Exception {
    Path file = landing("bad.csv");
    Files.writeString(file, GOOD.replace("k1,k1-gpuh", "\nk1,k1-gpuh") + row + "\n");
    BurnrateException e = loadFails("landing/acme/*.csv");
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    return e.getMessage().replace(file + ": ", "");
  }

  private static final String TERMS = "2026-01-01,2027-01-01,2026-01-01,2028-01-01,USD,";

  @Test
  void aBadRowNamesFileLineColumnAndReason() throws Exception {
    assertEquals("line 6: column ContractCommitmentId: missing", badRow("k1,,Spend,10,,," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentCost: '12,000' is not a decimal number",
        badRow("k1,k1-x,Spend,\"12,000\",,," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentCategory: 'Commit' is not Spend or Usage",
        badRow("k1,k1-x,Commit,10,,," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentCost: missing; a Spend commitment needs it",
        badRow("k1,k1-x,Spend,,5,GPU-hours," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentUnit: missing; a Usage commitment needs its unit",
        badRow("k1,k1-x,Usage,,5,," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentQuantity: missing; a Usage commitment needs it",
        badRow("k1,k1-x,Usage,10,,GPU-hours," + TERMS));
    assertEquals(
        "line 6: column ContractCommitmentPeriodEnd: 2026-01-01 is not after"
            + " ContractCommitmentPeriodStart 2026-01-01",
        badRow("k1,k1-x,Spend,10,,,2026-01-01,2026-01-01,2026-01-01,2028-01-01,USD,"));
    assertEquals(
        "line 6: column ContractCommitmentPeriodStart: '2026-01-01T08:00:00Z' is not midnight UTC:"
            + " commitment periods are whole days",
        badRow("k1,k1-x,Spend,10,,,2026-01-01T08:00:00Z,2027-01-01,2026-01-01,2028-01-01,USD,"));
    assertEquals(
        "line 6: column ContractCommitmentPeriodStart: the period [2026-06-01, 2027-06-01) overlaps"
            + " commitment 'k1-y1' at line 2",
        badRow("k1,k1-x,Spend,10,,,2026-06-01,2027-06-01,2026-01-01,2028-01-01,USD,"));
  }

  @Test
  void aParquetRowIsNamedByItsRowNumber() throws Exception {
    Path parquet = landing("bad.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select 'k1' as ContractId, 'k1-y1' as ContractCommitmentId,"
              + " 'Spend' as ContractCommitmentCategory, 10.5 as ContractCommitmentCost,"
              + " date '2026-01-01' as ContractCommitmentPeriodStart,"
              + " date '2027-01-01' as ContractCommitmentPeriodEnd,"
              + " timestamptz '2026-01-01 00:00:00+00' as ContractPeriodStart,"
              + " timestamptz '2027-01-01 00:00:00+00' as ContractPeriodEnd,"
              + " 'USD' as BillingCurrency union all select 'k1', 'k1-y2', 'Spend', -1,"
              + " date '2026-01-01', date '2027-01-01', timestamptz '2026-01-01 00:00:00+00',"
              + " timestamptz '2027-01-01 00:00:00+00', 'USD') to '"
              + parquet
              + "' (format parquet)");
    }
    BurnrateException e = loadFails("landing/acme/*.parquet");
    assertEquals(
        parquet + ": row 2: column ContractCommitmentCost: -1.0 is not positive", e.getMessage());
  }

  /**
   * contracts.yaml listing a commitment the file also defines: equal figures are accepted, other
   * figures name both places (exit 2).
   */
  @Test
  void contractsYamlAndTheFileMustAgreeOnACommitment() throws Exception {
    Files.writeString(landing("a.csv"), GOOD);
    String yaml =
        new Contracts()
            .contract("k1", "Acme Co", "USD", "2026-01-01", "2028-01-01")
            .spend("k1-y1", "2026-01-01", "2027-01-01", "%s")
            .usage("k1-gpuh", "2026-01-01", "2027-01-01", "500", "GPU-hours")
            .yaml();
    TestWarehouse wh = warehouse("landing/acme/a.csv");

    wh.contracts(yaml.formatted("1000.5"));
    assertEquals(GOOD_COMMITMENTS, commitments(WarehouseContracts.load(wh.config())));

    wh.contracts(yaml.formatted("1000"));
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> WarehouseContracts.load(wh.config()));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        wh.conf.resolve("contracts.yaml")
            + ": contract 'k1': lists commitments that the Contract Commitment dataset ("
            + landing("a.csv")
            + ": line 2) also defines, with other figures: list them in one place (the dataset's"
            + " win once contracts.yaml leaves them out)",
        e.getMessage());
  }

  /**
   * A contract that contracts.yaml leaves without commitments must be in the file; one that both
   * name must be with the source's provider.
   */
  @Test
  void contractsYamlTermsNeedTheFilesContractAndProvider() throws Exception {
    Files.writeString(landing("a.csv"), GOOD);
    TestWarehouse wh = warehouse("landing/acme/a.csv");
    Path yaml = wh.conf.resolve("contracts.yaml");

    wh.contracts(
        new Contracts().contract("k2", "Acme Co", "USD", "2026-01-01", "2027-01-01").yaml());
    BurnrateException absent =
        assertThrows(BurnrateException.class, () -> WarehouseContracts.load(wh.config()));
    assertEquals(
        yaml
            + ": contract 'k2': has no commitments, and no focus-contract-commitments source (acme)"
            + " defines them",
        absent.getMessage());

    wh.contracts(
        new Contracts().contract("k1", "Other Co", "USD", "2026-01-01", "2028-01-01").yaml());
    BurnrateException provider =
        assertThrows(BurnrateException.class, () -> WarehouseContracts.load(wh.config()));
    assertEquals(
        yaml
            + ": contract 'k1': provider 'Other Co' and its aliases [] do not include 'Acme Co',"
            + " the provider of source 'acme' that carries its commitments",
        provider.getMessage());
  }

  /** FOCUS 1.3 has no provider column; a file that has one (later drafts) must agree. */
  @Test
  void aProviderColumnMustNameTheSourcesProvider() throws Exception {
    Path file = landing("p.csv");
    Files.writeString(
        file,
        HEADER.replace("\n", ",ServiceProviderName\n")
            + "k1,k1-y1,Spend,10,,,"
            + TERMS
            + ",Acme Co\n"
            + "k1,k1-y2,Spend,10,,,2027-01-01,2028-01-01,2026-01-01,2028-01-01,USD,,Other Co\n");
    BurnrateException e = loadFails("landing/acme/p.csv");
    assertEquals(
        file
            + ": line 3: column ServiceProviderName: 'Other Co' is not the source's provider"
            + " 'Acme Co' (options.provider)",
        e.getMessage());
  }
}
