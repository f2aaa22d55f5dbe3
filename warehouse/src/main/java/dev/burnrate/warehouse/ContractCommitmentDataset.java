package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.Period;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.warehouse.ContractCommitmentFiles.RawRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FOCUS 1.3 Contract Commitment dataset (format {@code focus-contract-commitments}): the rows
 * of the sources of that format (read by ContractCommitmentFiles), checked one by one. It is
 * reference data of a few rows per contract, read whole at each warehouse build like
 * contracts.yaml; a bad row stops the build (exit 3) with its file, line (Parquet: row), column and
 * reason, for a commitment is never quarantined silently.
 */
final class ContractCommitmentDataset {
  /** A date, or a FOCUS Date/Time (ISO 8601, UTC unless an offset says otherwise). */
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

  private ContractCommitmentDataset() {}

  /** One checked row: a commitment of a contract, where it was read. */
  record Row(
      String source,
      String provider,
      String at,
      String contractId,
      Commitment commitment,
      Period contractPeriod,
      String currency) {}

  /**
   * Every row of the given sources, checked one by one and then across rows: one currency and
   * contract period per contract, commitment ids unique, no two commitments of a contract of the
   * same category and unit overlapping.
   */
  static List<Row> read(PipelineConfig cfg, List<SourceConfig> sources) {
    List<Row> rows = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Sql.exec(duck, "set TimeZone = 'UTC'");
      for (SourceConfig src : sources) {
        for (RawRow raw : ContractCommitmentFiles.read(duck, cfg, src)) {
          rows.add(check(src, raw));
        }
      }
    } catch (SQLException e) {
      throw BurnrateException.input("contract commitments: " + Sql.firstLine(e));
    }
    checkAcrossRows(rows);
    return rows;
  }

  /**
   * One row's rules: ids present, category Spend or Usage, a Spend commitment's positive cost, a
   * Usage commitment's positive quantity and unit, whole-day periods that end after they start, the
   * commitment's inside the contract's. A Spend row's quantity and a Usage row's cost are not read:
   * the minimum is the one the category names.
   */
  private static Row check(SourceConfig src, RawRow raw) {
    String contractId = required(raw, "ContractId");
    String commitmentId = required(raw, "ContractCommitmentId");
    String category = raw.get("ContractCommitmentCategory");
    if (!"Spend".equals(category) && !"Usage".equals(category)) {
      throw raw.fail(
          "ContractCommitmentCategory",
          (category == null ? "missing" : "'" + category + "'") + " is not Spend or Usage");
    }
    String provider = src.commitmentOptions().provider();
    String rowProvider = raw.get("ServiceProviderName"); // not in 1.3; later drafts add it
    if (rowProvider != null && !rowProvider.equals(provider)) {
      throw raw.fail(
          "ServiceProviderName",
          "'"
              + rowProvider
              + "' is not the source's provider '"
              + provider
              + "' (options.provider)");
    }
    String currency = raw.get("BillingCurrency");
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw raw.fail("BillingCurrency", "'" + currency + "' is not an ISO 4217 code");
    }
    Period contractPeriod = period(raw, "ContractPeriodStart", "ContractPeriodEnd");
    Period period = period(raw, "ContractCommitmentPeriodStart", "ContractCommitmentPeriodEnd");
    if (!period.within(contractPeriod)) {
      throw raw.fail(
          "ContractCommitmentPeriodStart",
          "the commitment period "
              + period
              + " lies outside the contract period "
              + contractPeriod);
    }
    BigDecimal amount = null;
    BigDecimal quantity = null;
    String unit = null;
    if (category.equals("Spend")) {
      amount = positive(raw, "ContractCommitmentCost", "a Spend commitment");
    } else {
      quantity = positive(raw, "ContractCommitmentQuantity", "a Usage commitment");
      unit = raw.get("ContractCommitmentUnit");
      if (unit == null) {
        throw raw.fail("ContractCommitmentUnit", "missing; a Usage commitment needs its unit");
      }
    }
    Commitment commitment =
        new Commitment(
            commitmentId,
            category,
            period,
            amount,
            quantity,
            unit,
            raw.get("ContractCommitmentDescription"),
            List.of(),
            null);
    return new Row(
        src.name(), provider, raw.at(), contractId, commitment, contractPeriod, currency);
  }

  private static String required(RawRow raw, String column) {
    String v = raw.get(column);
    if (v == null) {
      throw raw.fail(column, "missing");
    }
    return v;
  }

  private static BigDecimal positive(RawRow raw, String column, String what) {
    String v = raw.get(column);
    if (v == null) {
      throw raw.fail(column, "missing; " + what + " needs it");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw raw.fail(column, "'" + v + "' is not a decimal number");
    }
    if (d.signum() <= 0) {
      throw raw.fail(column, v + " is not positive");
    }
    return d;
  }

  private static Period period(RawRow raw, String startColumn, String endColumn) {
    LocalDate start = day(raw, startColumn);
    LocalDate end = day(raw, endColumn);
    if (!end.isAfter(start)) {
      throw raw.fail(endColumn, end + " is not after " + startColumn + " " + start);
    }
    return new Period(start, end);
  }

  /** A FOCUS Date/Time that is a whole UTC day (periods are [start, end) days here). */
  private static LocalDate day(RawRow raw, String column) {
    String v = required(raw, column);
    Matcher m = DATE_TIME.matcher(v);
    if (!m.matches()) {
      throw raw.fail(column, "'" + v + "' is not an ISO 8601 date or date-time");
    }
    try {
      LocalDate date = LocalDate.parse(m.group(1));
      if (m.group(2) == null) {
        return date;
      }
      String offset = m.group(3) == null ? "Z" : normalizedOffset(m.group(3));
      String time = m.group(2).length() == 5 ? m.group(2) + ":00" : m.group(2);
      OffsetDateTime t =
          OffsetDateTime.parse(date + "T" + time + offset).withOffsetSameInstant(ZoneOffset.UTC);
      if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
        throw raw.fail(
            column, "'" + v + "' is not midnight UTC: commitment periods are whole days");
      }
      return t.toLocalDate();
    } catch (java.time.format.DateTimeParseException e) {
      throw raw.fail(column, "'" + v + "' is not a valid date-time");
    }
  }

  private static String normalizedOffset(String offset) {
    if (offset.equals("Z")) {
      return offset;
    }
    String digits = offset.substring(1).replace(":", "");
    return offset.charAt(0)
        + digits.substring(0, 2)
        + ":"
        + (digits.length() > 2 ? digits.substring(2) : "00");
  }

  private static void checkAcrossRows(List<Row> rows) {
    Map<String, Row> byCommitmentId = new HashMap<>();
    Map<String, Row> firstOfContract = new LinkedHashMap<>();
    Map<String, List<Row>> byContract = new LinkedHashMap<>();
    for (Row r : rows) {
      Row same = byCommitmentId.putIfAbsent(r.commitment().id(), r);
      if (same != null) {
        throw BurnrateException.input(
            r.at()
                + ": column ContractCommitmentId: '"
                + r.commitment().id()
                + "' is already used at "
                + same.at());
      }
      Row first = firstOfContract.putIfAbsent(r.contractId(), r);
      if (first != null) {
        sameContractTerms(first, r);
      }
      for (Row other : byContract.computeIfAbsent(r.contractId(), k -> new ArrayList<>())) {
        Commitment a = other.commitment();
        Commitment b = r.commitment();
        if (a.category().equals(b.category())
            && Objects.equals(a.unit(), b.unit())
            && a.period().overlaps(b.period())) {
          throw BurnrateException.input(
              r.at()
                  + ": column ContractCommitmentPeriodStart: the period "
                  + b.period()
                  + " overlaps commitment '"
                  + a.id()
                  + "' at "
                  + other.at());
        }
      }
      byContract.get(r.contractId()).add(r);
    }
  }

  /** Every row of a contract names the same contract period, currency and source. */
  private static void sameContractTerms(Row first, Row r) {
    String column = null;
    if (!first.currency().equals(r.currency())) {
      column = "BillingCurrency";
    } else if (!first.contractPeriod().equals(r.contractPeriod())) {
      column = "ContractPeriodStart";
    } else if (!first.source().equals(r.source())) {
      column = "ContractId";
    }
    if (column != null) {
      throw BurnrateException.input(
          r.at()
              + ": column "
              + column
              + ": contract '"
              + r.contractId()
              + "' differs from its row at "
              + first.at()
              + " (source '"
              + first.source()
              + "', "
              + first.currency()
              + ", "
              + first.contractPeriod()
              + ")");
    }
  }
}
