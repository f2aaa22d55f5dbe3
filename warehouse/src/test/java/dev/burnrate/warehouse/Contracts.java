package dev.burnrate.warehouse;

/**
 * contracts.yaml text for warehouse tests, built one contract and commitment at a time, so that a
 * test states only the dates and amounts its scenario is about.
 */
final class Contracts {
  private final StringBuilder yaml = new StringBuilder("contracts:\n");

  /**
   * A contract; {@code keys} are its further keys in YAML flow style ({@code "billing_accounts:
   * [acct-1]"}, {@code "total: 10950"}, {@code "eligibility: {credits_count: true}"}).
   */
  Contracts contract(
      String id, String provider, String currency, String start, String end, String... keys) {
    yaml.append("  - contract_id: ").append(id).append('\n');
    yaml.append("    provider: ").append(provider).append('\n');
    yaml.append("    currency: ").append(currency).append('\n');
    yaml.append("    period: ").append(period(start, end)).append('\n');
    for (String key : keys) {
      yaml.append("    ").append(key).append('\n');
    }
    yaml.append("    commitments:\n");
    return this;
  }

  /** A Spend commitment of the contract last added; {@code keys} as for the contract (ramp). */
  Contracts spend(String id, String start, String end, String amount, String... keys) {
    commitment(id, "Spend", start, end);
    key("amount: " + amount);
    for (String key : keys) {
      key(key);
    }
    return this;
  }

  /** A Usage commitment of the contract last added; {@code keys} as for the contract (rate). */
  Contracts usage(
      String id, String start, String end, String quantity, String unit, String... keys) {
    commitment(id, "Usage", start, end);
    key("quantity: " + quantity);
    key("unit: " + unit);
    for (String key : keys) {
      key(key);
    }
    return this;
  }

  String yaml() {
    return yaml.toString();
  }

  private void commitment(String id, String category, String start, String end) {
    yaml.append("      - id: ").append(id).append('\n');
    key("category: " + category);
    key("period: " + period(start, end));
  }

  private void key(String key) {
    yaml.append("        ").append(key).append('\n');
  }

  private static String period(String start, String end) {
    return "{start: " + start + ", end: " + end + "}";
  }
}
