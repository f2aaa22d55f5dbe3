package dev.burnrate.reports;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Number formatting for people, called from the report layouts' expressions: {@code $38.0B}, {@code
 * €412.3M}, {@code 12.0M GPU-hours}, {@code $2.41}. Only formats: every value comes from the
 * warehouse. A null value formats as null, so {@code blankWhenNull} cells stay blank.
 */
public final class Human {
  private Human() {}

  /** The symbol written before an amount: $, €, £, ¥, or the ISO code and a space. */
  public static String symbol(String currency) {
    if (currency == null) {
      return "";
    }
    return switch (currency) {
      case "USD" -> "$";
      case "EUR" -> "€";
      case "GBP" -> "£";
      case "JPY" -> "¥";
      default -> currency + " ";
    };
  }

  /** An amount of money, scaled to K, M or B with one decimal: {@code $412.3M}. */
  public static String money(Number value, String currency) {
    if (value == null) {
      return null;
    }
    double v = value.doubleValue();
    return (v < 0 ? "-" : "") + symbol(currency) + scaled(Math.abs(v));
  }

  /** A signed amount of money: {@code +$8.6M}, {@code -€116.6M}. */
  public static String signedMoney(Number value, String currency) {
    if (value == null) {
      return null;
    }
    return (value.doubleValue() > 0 ? "+" : "") + money(value, currency);
  }

  /**
   * An amount in a commitment's unit: money for a Spend commitment (unit = currency code), a
   * quantity and its unit for a Usage commitment ({@code 12.0M GPU-hours}).
   */
  public static String amount(Number value, String category, String unit) {
    if (value == null) {
      return null;
    }
    if ("Spend".equals(category)) {
      return money(value, unit);
    }
    return quantity(value, unit);
  }

  /** A signed amount in a commitment's unit: {@code +$8.6M}, {@code -475.1K GPU-hours}. */
  public static String signedAmount(Number value, String category, String unit) {
    if (value == null) {
      return null;
    }
    return (value.doubleValue() > 0 ? "+" : "") + amount(value, category, unit);
  }

  /** A quantity and its unit, scaled: {@code 350.0K GPU-hours}. */
  public static String quantity(Number value, String unit) {
    if (value == null) {
      return null;
    }
    double v = value.doubleValue();
    return (v < 0 ? "-" : "") + scaled(Math.abs(v)) + (unit == null ? "" : " " + unit);
  }

  /** A unit price with two decimals (four below one cent): {@code $2.41}. */
  public static String price(Number value, String currency) {
    if (value == null) {
      return null;
    }
    double v = value.doubleValue();
    if (Math.abs(v) >= 999.5) {
      return money(value, currency);
    }
    String digits = Math.abs(v) > 0 && Math.abs(v) < 0.01 ? "%.4f" : "%.2f";
    return (v < 0 ? "-" : "") + symbol(currency) + String.format(Locale.US, digits, Math.abs(v));
  }

  /** A percentage with one decimal: {@code 80.7%}. */
  public static String percent(Number value) {
    return value == null ? null : String.format(Locale.US, "%.1f%%", value.doubleValue());
  }

  /** An exact amount with thousands separators and cents: {@code 1,234,567.89}. */
  public static String exact(BigDecimal value) {
    return value == null ? null : String.format(Locale.US, "%,.2f", value);
  }

  private static String scaled(double v) {
    if (v >= 999_950_000) {
      return String.format(Locale.US, "%.1fB", v / 1e9);
    }
    if (v >= 999_950) {
      return String.format(Locale.US, "%.1fM", v / 1e6);
    }
    if (v >= 999.5) {
      return String.format(Locale.US, "%.1fK", v / 1e3);
    }
    return String.format(Locale.US, "%.0f", v);
  }
}
