package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ConsumedQuantity;
import static dev.burnrate.demo.BillLine.Col.ConsumedUnit;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.ServiceCategory;
import static dev.burnrate.demo.BillLine.Col.Tags;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.demo.NativeCsvWriter.Column;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bill line's values as the native formats write them ({@link NativeLayouts}, {@link
 * GcpBillingWriter}): exact decimals never in exponent form, tags as a map, JSON text.
 */
final class BillLineText {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final Map<String, Map<String, String>> TAGS = new ConcurrentHashMap<>();

  private BillLineText() {}

  static Column col(String header, Function<BillLine, String> value) {
    return new Column(header, value);
  }

  static String text(BillLine r, BillLine.Col c) {
    Object v = r.get(c);
    return v == null ? null : v.toString();
  }

  /** An exact decimal, never in exponent form; null stays null. */
  static String num(BillLine r, BillLine.Col c) {
    return plain(r.decimal(c));
  }

  static String plain(BigDecimal d) {
    if (d == null) {
      return null;
    }
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  static boolean isCompute(BillLine r) {
    return "Compute".equals(r.get(ServiceCategory)) && "Usage".equals(r.get(ChargeCategory));
  }

  /** The row's Tags object as key -> value in key order of the JSON. */
  static Map<String, String> tags(BillLine r) {
    String t = r.string(Tags);
    if (t == null) {
      return Map.of();
    }
    return TAGS.computeIfAbsent(
        t,
        s -> {
          try {
            return JSON.readValue(s, new TypeReference<LinkedHashMap<String, String>>() {});
          } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The value of the tag whose key equals {@code key} ignoring case (see {@link #tagColumns}). */
  static String tag(BillLine r, String key) {
    for (Map.Entry<String, String> e : tags(r).entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * One tag column per key ignoring case (the first spelling in sort order): a report with both
   * "Team" and "team" columns would have two columns that Spark, case-insensitive, cannot tell
   * apart.
   */
  static Set<String> tagColumns(Set<String> keys) {
    Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    out.addAll(new TreeSet<>(keys));
    return out;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The consumed quantity (usage), else the priced one (a fee's 1 month). */
  static String consumed(BillLine r) {
    return plain(
        r.get(ConsumedQuantity) != null ? r.decimal(ConsumedQuantity) : r.decimal(PricingQuantity));
  }

  static String unit(BillLine r) {
    return r.get(ConsumedUnit) != null ? text(r, ConsumedUnit) : text(r, PricingUnit);
  }
}
