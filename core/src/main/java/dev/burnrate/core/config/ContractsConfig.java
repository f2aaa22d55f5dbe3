package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * conf/contracts.yaml: negotiated commitments, modelled on the FOCUS 1.3 Contract Commitment
 * dataset (one contract, one commitment row per period).
 */
public record ContractsConfig(@JsonProperty("contracts") List<Contract> contracts) {

  public ContractsConfig {
    contracts = contracts == null ? List.of() : List.copyOf(contracts);
  }

  /**
   * One contract (FOCUS ContractId). {@code provider} is any provider as its cost rows name it
   * (ProviderName or ServiceProviderName), not only a built-in one, so a SaaS vendor's or a
   * neo-cloud's FOCUS feed can carry a commitment; {@code providerAliases} are other spellings of
   * the same provider in the data (e.g. "Amazon Web Services" for AWS).
   */
  public record Contract(
      @JsonProperty(value = "contract_id", required = true) String contractId,
      @JsonProperty(value = "provider", required = true) String provider,
      @JsonProperty("provider_aliases") List<String> providerAliases,
      @JsonProperty("billing_accounts") List<String> billingAccounts,
      @JsonProperty(value = "currency", required = true) String currency,
      @JsonProperty(value = "period", required = true) Period period,
      @JsonProperty("total") BigDecimal total,
      @JsonProperty("discount_pct") BigDecimal discountPct,
      @JsonProperty("description") String description,
      @JsonProperty("eligibility") Eligibility eligibility,
      @JsonProperty("commitments") List<Commitment> commitments,
      @JsonProperty("rates") Map<String, BigDecimal> rates) {

    public Contract {
      providerAliases = providerAliases == null ? List.of() : List.copyOf(providerAliases);
      billingAccounts = billingAccounts == null ? List.of() : List.copyOf(billingAccounts);
      eligibility = eligibility == null ? Eligibility.defaults() : eligibility;
      commitments = commitments == null ? List.of() : List.copyOf(commitments);
      rates = rates == null ? Map.of() : Map.copyOf(rates);
    }

    /**
     * The contract's price of one unit of a Usage commitment (a GPU-hour), in the contract
     * currency: the commitment's own {@code rate}, else the contract's rate card ({@code rates})
     * for its unit; null for a Spend commitment or when neither gives one. A shortfall in units is
     * valued at this price.
     */
    public BigDecimal usageRate(Commitment m) {
      if (m.isSpend()) {
        return null;
      }
      return m.rate() != null ? m.rate() : rates.get(m.unit());
    }
  }

  /** Which charges burn the commitment. Defaults as in DESIGN.md. */
  public record Eligibility(
      @JsonProperty("charge_categories") List<String> chargeCategories,
      @JsonProperty("include_services") List<String> includeServices,
      @JsonProperty("exclude_services") List<String> excludeServices,
      @JsonProperty("marketplace") Marketplace marketplace,
      @JsonProperty("credits_count") Boolean creditsCount,
      @JsonProperty("tax_counts") Boolean taxCounts) {

    public Eligibility {
      chargeCategories =
          chargeCategories == null ? List.of("Usage", "Purchase") : List.copyOf(chargeCategories);
      includeServices = includeServices == null ? List.of() : List.copyOf(includeServices);
      excludeServices = excludeServices == null ? List.of() : List.copyOf(excludeServices);
      marketplace = marketplace == null ? Marketplace.NONE : marketplace;
      creditsCount = creditsCount != null && creditsCount;
      taxCounts = taxCounts != null && taxCounts;
    }

    public static Eligibility defaults() {
      return new Eligibility(null, null, null, null, null, null);
    }
  }

  /**
   * How third-party (marketplace) spend burns a Spend commitment: {@code counts} none (the default:
   * it does not burn), full, or share (multiplied by {@code share}); {@code capShareOfCommitment}
   * caps a commitment's cumulative marketplace burn at that share of its amount.
   */
  public record Marketplace(
      @JsonProperty("counts") String counts,
      @JsonProperty("share") BigDecimal share,
      @JsonProperty("cap_share_of_commitment") BigDecimal capShareOfCommitment) {

    static final Marketplace NONE = new Marketplace(null, null, null);

    public Marketplace {
      counts = counts == null ? "none" : counts;
    }

    /** The factor marketplace spend burns at: 0, 1 or the share. */
    public BigDecimal factor() {
      return switch (counts) {
        case "full" -> BigDecimal.ONE;
        case "share" -> share;
        default -> BigDecimal.ZERO;
      };
    }

    void validate(String where) {
      String w = where + ": marketplace";
      switch (counts) {
        case "none", "full" -> {
          if (share != null) {
            throw BurnrateException.config(w + ": share is only for counts: share");
          }
        }
        case "share" -> {
          if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw BurnrateException.config(w + ": counts: share needs a share in (0, 1]");
          }
        }
        default ->
            throw BurnrateException.config(
                w + ": counts '" + counts + "' is not none, full or share");
      }
      if (capShareOfCommitment != null) {
        if ("none".equals(counts)) {
          throw BurnrateException.config(
              w + ": cap_share_of_commitment needs counts: full or share");
        }
        if (capShareOfCommitment.signum() <= 0
            || capShareOfCommitment.compareTo(BigDecimal.ONE) > 0) {
          throw BurnrateException.config(w + ": cap_share_of_commitment is not in (0, 1]");
        }
      }
    }
  }

  /**
   * One FOCUS Contract Commitment row: a minimum for one period. {@code ramp} is the contract's own
   * pace curve, when burn is not expected to run straight-line over the period: points inside the
   * period, each the share of the minimum due by the start of that day; pace is interpolated
   * linearly between (period start, 0), the points and (period end, 1).
   */
  public record Commitment(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "category", required = true) String category,
      @JsonProperty(value = "period", required = true) Period period,
      @JsonProperty("amount") BigDecimal amount,
      @JsonProperty("quantity") BigDecimal quantity,
      @JsonProperty("unit") String unit,
      @JsonProperty("description") String description,
      @JsonProperty("ramp") List<RampPoint> ramp,
      @JsonProperty("rate") BigDecimal rate) {

    public Commitment {
      ramp = ramp == null ? List.of() : List.copyOf(ramp);
    }

    public boolean isSpend() {
      return "Spend".equals(category);
    }
  }

  /**
   * A point of a commitment's ramp curve: {@code share} (0..1) of the minimum due by {@code date}.
   */
  public record RampPoint(
      @JsonProperty(value = "date", required = true) LocalDate date,
      @JsonProperty(value = "share", required = true) BigDecimal share) {}

  /** Reads and validates conf/contracts.yaml; an absent file means no contracts. */
  public static ContractsConfig load(Path file) {
    return load(file, false);
  }

  /**
   * Reads and validates conf/contracts.yaml. With {@code commitmentsFromDataset} (pipeline.yaml has
   * a focus-contract-commitments source) a contract may list no commitments: it gives the terms of
   * a contract whose commitments that dataset carries, which the warehouse build checks.
   */
  public static ContractsConfig load(Path file, boolean commitmentsFromDataset) {
    if (!Files.exists(file)) {
      return new ContractsConfig(List.of());
    }
    ContractsConfig cfg = Yaml.read(file, ContractsConfig.class);
    cfg.validate(file, commitmentsFromDataset);
    return cfg;
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * The rate card: a positive price per unit, for a unit some Usage commitment of the contract has
   * (when its commitments come from the Contract Commitment dataset, the warehouse build cannot
   * tell yet: any unit is accepted).
   */
  private static void validateRates(String where, Contract c) {
    for (Map.Entry<String, BigDecimal> e : c.rates().entrySet()) {
      if (e.getValue() == null || e.getValue().signum() <= 0) {
        throw BurnrateException.config(
            where
                + ": rates: '"
                + e.getKey()
                + "' needs a positive price per unit in "
                + c.currency()
                + ", not "
                + (e.getValue() == null ? "nothing" : e.getValue().toPlainString()));
      }
      boolean used =
          c.commitments().isEmpty()
              || c.commitments().stream()
                  .anyMatch(m -> !m.isSpend() && e.getKey().equals(m.unit()));
      if (!used) {
        throw BurnrateException.config(
            where
                + ": rates: unit '"
                + e.getKey()
                + "' is the unit of none of its Usage commitments (units are case-sensitive)");
      }
    }
  }

  private static void validateRamp(String where, Commitment m) {
    LocalDate previousDate = m.period().start();
    BigDecimal previousShare = BigDecimal.ZERO;
    for (RampPoint p : m.ramp()) {
      if (!p.date().isAfter(previousDate) || !p.date().isBefore(m.period().end())) {
        throw BurnrateException.config(
            where
                + ": ramp date "
                + p.date()
                + " must lie inside the period "
                + m.period()
                + ", after the previous point");
      }
      if (p.share().compareTo(previousShare) < 0 || p.share().compareTo(BigDecimal.ONE) > 0) {
        throw BurnrateException.config(
            where
                + ": ramp share "
                + p.share().toPlainString()
                + " on "
                + p.date()
                + " must be between the previous point's share and 1");
      }
      previousDate = p.date();
      previousShare = p.share();
    }
  }

  /**
   * The provider and its aliases are the names cost rows are matched on: none blank, none twice (a
   * name that matches no ingested row is only a warning of the warehouse build, since the feed may
   * simply not have arrived yet).
   */
  private static void validateProviderNames(String where, Contract c) {
    if (c.provider().isBlank()) {
      throw BurnrateException.config(where + ": provider is blank");
    }
    Set<String> names = new HashSet<>(List.of(c.provider()));
    for (String alias : c.providerAliases()) {
      if (alias == null || alias.isBlank()) {
        throw BurnrateException.config(where + ": provider_aliases has a blank name");
      }
      if (!names.add(alias)) {
        throw BurnrateException.config(
            where + ": provider_aliases names '" + alias + "' twice (or as the provider)");
      }
    }
  }

  void validate(Path file, boolean commitmentsFromDataset) {
    Set<String> contractIds = new HashSet<>();
    Set<String> commitmentIds = new HashSet<>();
    for (Contract c : contracts) {
      String where = file + ": contract '" + c.contractId() + "'";
      if (!contractIds.add(c.contractId())) {
        throw BurnrateException.config(where + ": contract_id is used twice");
      }
      validateProviderNames(where, c);
      c.eligibility().marketplace().validate(where);
      if (!c.currency().matches("[A-Z]{3}")) {
        throw BurnrateException.config(where + ": currency '" + c.currency() + "' is not ISO 4217");
      }
      if (!c.period().start().isBefore(c.period().end())) {
        throw BurnrateException.config(where + ": period " + c.period() + " ends before it starts");
      }
      if (c.discountPct() != null
          && (c.discountPct().signum() < 0 || c.discountPct().compareTo(HUNDRED) >= 0)) {
        throw BurnrateException.config(
            where + ": discount_pct " + c.discountPct().toPlainString() + " is not in [0, 100)");
      }
      if (c.commitments().isEmpty()) {
        if (commitmentsFromDataset) {
          continue;
        }
        throw BurnrateException.config(where + ": has no commitments");
      }
      List<Commitment> seen = new ArrayList<>();
      BigDecimal spendSum = BigDecimal.ZERO;
      for (Commitment m : c.commitments()) {
        String mw = where + ", commitment '" + m.id() + "'";
        if (!commitmentIds.add(m.id())) {
          throw BurnrateException.config(mw + ": id is used twice");
        }
        if (!m.period().start().isBefore(m.period().end())) {
          throw BurnrateException.config(mw + ": period " + m.period() + " ends before it starts");
        }
        if (!m.period().within(c.period())) {
          throw BurnrateException.config(
              mw + ": period " + m.period() + " lies outside the contract period " + c.period());
        }
        switch (m.category()) {
          case "Spend" -> {
            if (m.amount() == null || m.amount().signum() <= 0) {
              throw BurnrateException.config(mw + ": a Spend commitment needs a positive amount");
            }
            if (m.rate() != null) {
              throw BurnrateException.config(
                  mw
                      + ": rate is only for a Usage commitment (a Spend shortfall is already money)");
            }
            spendSum = spendSum.add(m.amount());
          }
          case "Usage" -> {
            if (m.quantity() == null || m.quantity().signum() <= 0 || m.unit() == null) {
              throw BurnrateException.config(
                  mw + ": a Usage commitment needs a positive quantity and a unit");
            }
            if (m.rate() != null && m.rate().signum() <= 0) {
              throw BurnrateException.config(
                  mw
                      + ": rate "
                      + m.rate().toPlainString()
                      + " is not a positive price per "
                      + m.unit()
                      + " in "
                      + c.currency());
            }
          }
          default ->
              throw BurnrateException.config(
                  mw + ": category '" + m.category() + "' is not Spend or Usage");
        }
        validateRamp(mw, m);
        for (Commitment other : seen) {
          if (other.category().equals(m.category())
              && java.util.Objects.equals(other.unit(), m.unit())
              && other.period().overlaps(m.period())) {
            throw BurnrateException.config(
                mw + ": period " + m.period() + " overlaps commitment '" + other.id() + "'");
          }
        }
        seen.add(m);
      }
      validateRates(where, c);
      if (c.total() != null && c.total().compareTo(spendSum) != 0) {
        throw BurnrateException.config(
            where
                + ": total "
                + c.total().toPlainString()
                + " does not equal the sum of its Spend commitments "
                + spendSum.toPlainString());
      }
    }
  }
}
