package dev.burnrate.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.ContractsConfig.Contract;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** contracts.yaml in the {@code src} schema: contracts, their commitments and ramp curves. */
final class ContractTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractTables() {}

  /** src.contracts, src.contract_commitments and src.commitment_ramp, one batch each. */
  static void load(Connection c, ContractsConfig contracts) throws SQLException {
    Sql.exec(
        c,
        "create table src.contracts (contract_id varchar, provider varchar,"
            + " provider_aliases varchar[], billing_accounts varchar[], currency varchar, contract_period_start date,"
            + " contract_period_end date, total_amount decimal(38, 10),"
            + " discount_pct decimal(38, 10), description varchar, charge_categories varchar[],"
            + " include_services varchar[], exclude_services varchar[],"
            + " marketplace_counts varchar, marketplace_share decimal(38, 10),"
            + " marketplace_cap_share decimal(38, 10), credits_count boolean, tax_counts boolean)");
    Sql.exec(
        c,
        "create table src.contract_commitments (contract_id varchar, commitment_id varchar,"
            + " category varchar, period_start date, period_end date, amount decimal(38, 10),"
            + " quantity decimal(38, 10), unit varchar, description varchar, rate decimal(38, 10))");
    Sql.exec(
        c,
        "create table src.commitment_ramp (commitment_id varchar, ramp_date date,"
            + " share decimal(38, 10))");
    String list = "from_json(cast(? as varchar), '[\"VARCHAR\"]')";
    try (PreparedStatement contract =
            c.prepareStatement(
                "insert into src.contracts values (?, ?, "
                    + list
                    + ", "
                    + list
                    + ", ?, cast(? as date), cast(? as date), ?, ?, ?, "
                    + list
                    + ", "
                    + list
                    + ", "
                    + list
                    + ", ?, ?, ?, ?, ?)");
        PreparedStatement commitment =
            c.prepareStatement(
                "insert into src.contract_commitments values"
                    + " (?, ?, ?, cast(? as date), cast(? as date), ?, ?, ?, ?, ?)");
        PreparedStatement ramp =
            c.prepareStatement("insert into src.commitment_ramp values (?, cast(? as date), ?)")) {
      for (Contract k : contracts.contracts()) {
        contract.setString(1, k.contractId());
        contract.setString(2, k.provider());
        contract.setString(3, json(k.providerAliases()));
        contract.setString(4, json(k.billingAccounts()));
        contract.setString(5, k.currency());
        contract.setString(6, k.period().start().toString());
        contract.setString(7, k.period().end().toString());
        setDecimal(contract, 8, k.total());
        setDecimal(contract, 9, k.discountPct());
        contract.setString(10, k.description());
        contract.setString(11, json(k.eligibility().chargeCategories()));
        contract.setString(12, json(k.eligibility().includeServices()));
        contract.setString(13, json(k.eligibility().excludeServices()));
        contract.setString(14, k.eligibility().marketplace().counts());
        setDecimal(contract, 15, k.eligibility().marketplace().share());
        setDecimal(contract, 16, k.eligibility().marketplace().capShareOfCommitment());
        contract.setBoolean(17, k.eligibility().creditsCount());
        contract.setBoolean(18, k.eligibility().taxCounts());
        contract.addBatch();
        for (Commitment m : k.commitments()) {
          commitment.setString(1, k.contractId());
          commitment.setString(2, m.id());
          commitment.setString(3, m.category());
          commitment.setString(4, m.period().start().toString());
          commitment.setString(5, m.period().end().toString());
          setDecimal(commitment, 6, m.amount());
          setDecimal(commitment, 7, m.quantity());
          commitment.setString(8, m.unit());
          commitment.setString(9, m.description());
          setDecimal(commitment, 10, k.usageRate(m));
          commitment.addBatch();
          for (ContractsConfig.RampPoint p : m.ramp()) {
            ramp.setString(1, m.id());
            ramp.setString(2, p.date().toString());
            ramp.setBigDecimal(3, p.share());
            ramp.addBatch();
          }
        }
      }
      contract.executeBatch();
      commitment.executeBatch();
      ramp.executeBatch();
    }
  }

  private static void setDecimal(PreparedStatement ps, int index, BigDecimal value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DECIMAL);
    } else {
      ps.setBigDecimal(index, value);
    }
  }

  private static String json(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
