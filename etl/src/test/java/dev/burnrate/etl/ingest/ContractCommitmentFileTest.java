package dev.burnrate.etl.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml.Source;
import dev.burnrate.etl.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FOCUS 1.3 Contract Commitment file that a cost source's glob picks up is refused by name (exit
 * 3), whether the source is {@code auto} or declares {@code focus}, instead of every row being
 * quarantined for a missing BilledCost.
 */
class ContractCommitmentFileTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  /** Two commitments of one contract, under the Contract Commitment dataset's column names. */
  private static final String CONTRACT_COMMITMENTS =
      """
      ContractId,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentType,\
      ContractCommitmentCost,ContractCommitmentQuantity,ContractCommitmentUnit,\
      ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,ContractPeriodStart,\
      ContractPeriodEnd,BillingCurrency,ServiceProviderName
      acme-2026,acme-2026-spend,Spend,Committed Spend,120000.00,,,2026-01-01,2027-01-01,\
      2026-01-01,2028-01-01,USD,Acme Co
      acme-2026,acme-2026-gpuh,Usage,Committed Usage,,5000,GPU-hours,2026-01-01,2027-01-01,\
      2026-01-01,2028-01-01,USD,Acme Co
      """;

  @Test
  void aContractCommitmentFileInAnAutoSourceIsRefusedByName() throws Exception {
    assertRefused("auto");
  }

  @Test
  void aContractCommitmentFileInAFocusSourceIsRefusedByName() throws Exception {
    assertRefused("focus");
  }

  private void assertRefused(String format) throws Exception {
    PipelineConfig cfg =
        IngestFixtures.config(dir, 0.5, Source.of("acme", format, "landing/acme/**"));
    Path file = dir.resolve("landing/acme/contract-commitments.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, CONTRACT_COMMITMENTS);

    BurnrateException e =
        assertThrows(BurnrateException.class, () -> IngestJob.run(spark, cfg, AS_OF));

    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
    assertEquals(
        file
            + ": line 1: a FOCUS Contract Commitment dataset (ContractId, ContractCommitmentId,"
            + " ...), not cost rows: leave it out of the glob of source 'acme' (path"
            + " landing/acme/**); declare it as a source of its own with format"
            + " focus-contract-commitments (docs/commitments.md)",
        e.getMessage());
    assertFalse(
        Files.exists(cfg.layout().lakeQuarantine()), "nothing was quarantined: " + e.getMessage());
  }
}
