package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.config.BillingOptions;
import dev.burnrate.core.config.BillingOptions.TagKeyCase;
import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Applies a {@link Mapping} to raw rows: every FOCUS column as text, then typed, with one error
 * message per value that could not be typed. The result has the lake's columns in FocusColumns
 * order plus {@code _errors} (array of "Column: reason"), {@code _raw} (the source row as text,
 * only for rows with errors) and {@link RawRows#SHORT_ROW} (for the ingest's per-file count).
 */
final class FocusProjection {
  /** Values that mean "no value" in real exports. */
  static final List<String> NULL_TOKENS = List.of("", "NULL", "null", "Null");

  static final String DECIMAL = "decimal(28,10)";
  static final String ERRORS = "_errors";
  static final String RAW = "_raw";

  /** Joins a row's error messages before they are split into an array (a control character). */
  private static final String ERROR_SEPARATOR = "\u0001";

  private static final FocusColumn TAGS = FocusColumns.byName("Tags").orElseThrow();
  private static final String TAGS_MAP = "_tags_map";

  /**
   * The currency of a row's cost: an ISO 4217 code, as fx-rates.csv requires of its currencies. A
   * row billed in anything else (Azure exports have written {@code MC}) is quarantined: ingested,
   * it would need an exchange rate that fx-rates.csv cannot hold.
   */
  private static final FocusColumn CURRENCY = FocusColumns.byName("BillingCurrency").orElseThrow();

  private static final String CURRENCY_CODE = "^[A-Z]{3}$";

  private FocusProjection() {}

  /** Identifies the rows' origin; carried into the x_ columns. */
  record Origin(String sourceName, String format, String focusVersion, String runId) {}

  static Dataset<Row> apply(Mapping mapping, RawRows raw, Origin origin) {
    return apply(mapping, raw, origin, BillingOptions.DEFAULT);
  }

  static Dataset<Row> apply(Mapping mapping, RawRows raw, Origin origin, BillingOptions options) {
    // Spark resolves column names case-insensitively: so do the presence checks, else a rule's
    // `savingsPlan/SavingsPlanARN` would be added as null next to a file's SavingsPlanArn
    Set<String> present = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    present.addAll(raw.columns());
    Set<String> all = new HashSet<>(List.of(raw.rows().columns()));
    // 1. source text with null tokens removed; absent FOCUS columns and absent source columns
    // that rules name as nulls, so that one rule serves every column set of a format
    List<Column> cleaned = new ArrayList<>();
    Set<String> added = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String c : raw.columns()) {
      Column v = col(quote(c));
      cleaned.add(when(trim(v).isin(NULL_TOKENS.toArray()), lit(null)).otherwise(v).as(c));
      added.add(c);
    }
    for (FocusColumn f : FocusColumns.focusOnly()) {
      if (added.add(f.name())) {
        cleaned.add(lit(null).cast(DataTypes.StringType).as(f.name()));
      }
    }
    for (String c : mapping.referencedColumns()) {
      if (added.add(c)) {
        cleaned.add(lit(null).cast(DataTypes.StringType).as(c));
      }
    }
    boolean pricedFrom = present.contains("x_PricedFrom");
    if (pricedFrom && added.add("x_PricedFrom")) {
      cleaned.add(col("x_PricedFrom"));
    }
    boolean prepErrors = all.contains(RawRows.PREP_ERRORS);
    if (prepErrors) {
      cleaned.add(col(RawRows.PREP_ERRORS));
    }
    cleaned.add(col(RawRows.FILE));
    cleaned.add(col(RawRows.LINE));
    cleaned.add(col(RawRows.MALFORMED_REASON));
    cleaned.add(col(RawRows.SHORT_ROW));
    cleaned.add(col(RawRows.CORRUPT_TEXT));
    Dataset<Row> src = raw.rows().select(cleaned.toArray(Column[]::new));

    // 2. each FOCUS column as text, by its rule
    List<Column> text = new ArrayList<>();
    for (FocusColumn f : FocusColumns.focusOnly()) {
      Column t = textOf(mapping, f.name(), present, raw.columns()).cast(DataTypes.StringType);
      Mapping.Rule rule = mapping.columns().get(f.name());
      if (rule != null && rule.defaultValue() != null) {
        t = coalesce(t, lit(rule.defaultValue()));
      }
      String sourceDefault = options.defaults().get(f.name());
      if (sourceDefault != null) {
        t = coalesce(t, lit(sourceDefault));
      }
      text.add(t.as(textName(f)));
    }
    text.add(pricedFrom ? col("x_PricedFrom") : lit("bill").as("x_PricedFrom"));
    text.add(
        (prepErrors ? col(RawRows.PREP_ERRORS) : lit(null).cast("array<string>"))
            .as(RawRows.PREP_ERRORS));
    text.add(col(RawRows.FILE));
    text.add(col(RawRows.LINE));
    text.add(col(RawRows.MALFORMED_REASON));
    text.add(col(RawRows.SHORT_ROW));
    text.add(rawText(raw.columns()).as(RAW));
    // tags parsed once, in their own projection, then typed from the map below
    Dataset<Row> texts =
        src.select(text.toArray(Column[]::new))
            .withColumn(TAGS_MAP, parseTags(col(textName(TAGS))));

    // 3. typed values and their errors
    List<Column> out = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    errors.add(concat(lit("(row): "), col(RawRows.MALFORMED_REASON)));
    for (FocusColumn f : FocusColumns.focusOnly()) {
      Column s = col(textName(f));
      Column typed =
          f.name().equals(TAGS.name())
              ? tagsJson(col(TAGS_MAP), options.tagKeyCase())
              : typed(f, s);
      out.add(typed.as(f.name()));
      if (f.type() != FocusColumn.Type.STRING) {
        errors.add(
            when(
                s.isNotNull().and(typed.isNull()),
                format_string(f.name() + ": '%s' is not a valid " + describe(f.type()), s)));
      }
      if (mapping.required().contains(f.name())) {
        errors.add(when(s.isNull(), lit(f.name() + ": required value missing")));
      }
      if (f.name().equals(CURRENCY.name())) {
        errors.add(
            when(
                s.isNotNull().and(s.rlike(CURRENCY_CODE).unary_$bang()),
                format_string(
                    CURRENCY.name()
                        + ": '%s' is not an ISO 4217 currency code (three capital letters), so no"
                        + " exchange rate can convert it",
                    s)));
      }
      List<String> accepted = mapping.acceptedValues().get(f.name());
      if (accepted != null) {
        errors.add(
            when(
                s.isNotNull().and(s.isin(accepted.toArray()).unary_$bang()),
                format_string(
                    f.name() + ": '%s' is not one of " + String.join(", ", accepted), s)));
      }
    }
    out.add(lit(origin.sourceName()).as("x_SourceName"));
    out.add(lit(origin.format()).as("x_SourceFormat"));
    out.add(col(RawRows.FILE).as("x_SourceFile"));
    out.add(col(RawRows.LINE).as("x_SourceLine"));
    out.add(lit(origin.focusVersion()).cast(DataTypes.StringType).as("x_FocusVersion"));
    out.add(lit(origin.runId()).as("x_RunId"));
    out.add(col("x_PricedFrom"));
    out.add(col(RawRows.SHORT_ROW));
    // The messages that are not null, in order. concat_ws skips nulls in compiled code, where
    // array_compact would run a lambda, interpreted, on every row although most have no error.
    List<Column> parts = new ArrayList<>(errors);
    parts.add(col(RawRows.PREP_ERRORS));
    Column joined = concat_ws(ERROR_SEPARATOR, parts.toArray(Column[]::new));
    Column none = joined.equalTo("");
    out.add(
        when(none, array().cast("array<string>"))
            .otherwise(split(joined, ERROR_SEPARATOR))
            .as(ERRORS));
    out.add(when(none.unary_$bang(), col(RAW)).as(RAW));
    return texts.select(out.toArray(Column[]::new));
  }

  private static String textName(FocusColumn f) {
    return "_s_" + f.name();
  }

  private static Column textOf(
      Mapping mapping, String name, Set<String> present, List<String> sourceColumns) {
    Mapping.Rule rule = mapping.columns().get(name);
    if (rule == null) {
      return mapping.identity() ? col(quote(name)) : lit(null);
    }
    if (rule.constant() != null) {
      return lit(rule.constant());
    }
    if (rule.sql() != null) {
      return expr(rule.sql());
    }
    if (rule.fromPrefix() != null) {
      return jsonOfPrefixed(rule.fromPrefix(), sourceColumns);
    }
    Column from = lit(null);
    for (String candidate : rule.from()) {
      if (present.contains(candidate)) {
        from = col(quote(candidate));
        break;
      }
    }
    if (rule.lookupTable() != null) {
      if (rule.lookupTable().isEmpty()) {
        return lit(null);
      }
      List<Column> kv = new ArrayList<>();
      rule.lookupTable()
          .forEach(
              (k, v) -> {
                kv.add(lit(k));
                kv.add(lit(v));
              });
      return element_at(map(kv.toArray(Column[]::new)), from);
    }
    if (rule.map() == null) {
      return from;
    }
    Column mapped = null;
    for (Map.Entry<String, String> e : rule.map().entrySet()) {
      mapped =
          mapped == null
              ? when(from.equalTo(e.getKey()), lit(e.getValue()))
              : mapped.when(from.equalTo(e.getKey()), lit(e.getValue()));
    }
    return mapped == null ? from : mapped.otherwise(from);
  }

  /**
   * A JSON object of the columns whose names start with one of the prefixes (the first prefix that
   * matches is cut off), without null values; null when there is none.
   */
  static Column jsonOfPrefixed(List<String> prefixes, List<String> sourceColumns) {
    Map<String, String> keyToColumn = new LinkedHashMap<>();
    for (String c : sourceColumns) {
      for (String p : prefixes) {
        if (c.startsWith(p) && c.length() > p.length()) {
          keyToColumn.putIfAbsent(c.substring(p.length()), c);
          break;
        }
      }
    }
    if (keyToColumn.isEmpty()) {
      return lit(null);
    }
    StringBuilder sql = new StringBuilder("map(");
    boolean first = true;
    for (Map.Entry<String, String> e : keyToColumn.entrySet()) {
      if (!first) {
        sql.append(", ");
      }
      first = false;
      sql.append(sqlString(e.getKey())).append(", ").append(quote(e.getValue()));
    }
    sql.append(")");
    String filtered = "map_filter(" + sql + ", (k, v) -> v is not null)";
    return expr("case when size(" + filtered + ") > 0 then to_json(" + filtered + ") end");
  }

  private static String sqlString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static Column typed(FocusColumn f, Column s) {
    return switch (f.type()) {
      case STRING -> trim(s);
      case DECIMAL -> trim(s).try_cast(DECIMAL);
      case LONG -> trim(s).try_cast("bigint");
      case TIMESTAMP -> timestamp(s);
      case JSON -> json(f.name(), s);
    };
  }

  static Column timestamp(Column s) {
    return Typing.timestamp(s);
  }

  /** A JSON value kept as text (Tags are typed in {@link #apply}, see {@link #parseTags}). */
  static Column json(String name, Column s) {
    return trim(s);
  }

  /**
   * Tags text parsed into a map of strings. Repaired when the intent is clear: missing outer braces
   * (Azure), single quotes instead of double quotes (Python-style dicts). Anything else that does
   * not parse as an object is null, and the caller reports "is not a valid JSON object".
   */
  static Column parseTags(Column text) {
    Column t = trim(text);
    Column braced = when(t.startsWith("{"), t).otherwise(concat(lit("{"), t, lit("}")));
    Column requoted =
        when(
            braced.contains("'").and(braced.contains("\"").unary_$bang()),
            parseMap(translate(braced, "'", "\"")));
    return coalesce(parseMap(braced), requoted);
  }

  /**
   * A parsed tags map as JSON text, keys in the configured case (lower, upper or preserve). When
   * two keys differ only in case, the first one wins, in its place.
   */
  static Column tagsJson(Column m, TagKeyCase keyCase) {
    if (keyCase == TagKeyCase.PRESERVE) {
      return when(m.isNotNull(), to_json(m));
    }
    java.util.function.Function<Column, Column> norm =
        keyCase == TagKeyCase.UPPER
            ? org.apache.spark.sql.functions::upper
            : org.apache.spark.sql.functions::lower;
    // Most exports already write keys in the configured case: then the map is its own normalized
    // form. Checking that on the joined keys is a cheap string comparison; the rest go through
    // the one-pass normalization.
    Column keysText = array_join(map_keys(m), "\u0000");
    return when(m.isNull(), lit(null))
        .when(norm.apply(keysText).equalTo(keysText), to_json(m))
        .otherwise(to_json(NormalizedTagKeys.of(keyCase).apply(map_keys(m), map_values(m))));
  }

  private static Column parseMap(Column json) {
    return from_json(
        json,
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        Map.of("mode", "PERMISSIVE"));
  }

  private static String describe(FocusColumn.Type type) {
    return switch (type) {
      case DECIMAL -> "number";
      case LONG -> "whole number";
      case TIMESTAMP -> "timestamp";
      case JSON -> "JSON object";
      case STRING -> "text";
    };
  }

  private static Column rawText(List<String> columns) {
    Column[] cols = columns.stream().map(c -> col(quote(c))).toArray(Column[]::new);
    return coalesce(col(RawRows.CORRUPT_TEXT), to_json(struct(cols)));
  }

  static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
