package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.core.focus.FocusColumn;
import dev.burnrate.core.focus.FocusColumns;
import java.util.ArrayList;
import java.util.HashSet;
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
 * order plus {@code _errors} (array of "Column: reason") and {@code _raw} (the source row as text,
 * only for rows with errors).
 */
final class FocusProjection {
  /** Values that mean "no value" in real exports. */
  static final List<String> NULL_TOKENS = List.of("", "NULL", "null", "Null");

  static final String DECIMAL = "decimal(28,10)";
  static final String ERRORS = "_errors";
  static final String RAW = "_raw";

  private FocusProjection() {}

  /** Identifies the rows' origin; carried into the x_ columns. */
  record Origin(String sourceName, String format, String focusVersion, String runId) {}

  static Dataset<Row> apply(Mapping mapping, RawRows raw, Origin origin) {
    Set<String> present = new HashSet<>(raw.columns());
    // 1. source text with null tokens removed; absent FOCUS columns as nulls so rules may name them
    List<Column> cleaned = new ArrayList<>();
    for (String c : raw.columns()) {
      Column v = col(quote(c));
      cleaned.add(when(trim(v).isin(NULL_TOKENS.toArray()), lit(null)).otherwise(v).as(c));
    }
    for (FocusColumn f : FocusColumns.focusOnly()) {
      if (!present.contains(f.name())) {
        cleaned.add(lit(null).cast(DataTypes.StringType).as(f.name()));
      }
    }
    cleaned.add(col(RawRows.FILE));
    cleaned.add(col(RawRows.LINE));
    cleaned.add(col(RawRows.MALFORMED));
    cleaned.add(col(RawRows.CORRUPT_TEXT));
    Dataset<Row> src = raw.rows().select(cleaned.toArray(Column[]::new));

    // 2. each FOCUS column as text, by its rule
    List<Column> text = new ArrayList<>();
    for (FocusColumn f : FocusColumns.focusOnly()) {
      text.add(textOf(mapping, f.name(), present).cast(DataTypes.StringType).as(textName(f)));
    }
    text.add(col(RawRows.FILE));
    text.add(col(RawRows.LINE));
    text.add(col(RawRows.MALFORMED));
    text.add(rawText(raw.columns()).as(RAW));
    Dataset<Row> texts = src.select(text.toArray(Column[]::new));

    // 3. typed values and their errors
    List<Column> out = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    errors.add(
        when(col(RawRows.MALFORMED), lit("(row): malformed record, wrong number of fields")));
    for (FocusColumn f : FocusColumns.focusOnly()) {
      Column s = col(textName(f));
      Column typed = typed(f, s);
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
    out.add(lit("bill").as("x_PricedFrom"));
    Column errs = array_compact(array(errors.toArray(Column[]::new)));
    out.add(errs.as(ERRORS));
    out.add(when(size(errs).gt(0), col(RAW)).as(RAW));
    return texts.select(out.toArray(Column[]::new));
  }

  private static String textName(FocusColumn f) {
    return "_s_" + f.name();
  }

  private static Column textOf(Mapping mapping, String name, Set<String> present) {
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
    Column from = lit(null);
    for (String candidate : rule.from()) {
      if (present.contains(candidate)) {
        from = col(quote(candidate));
        break;
      }
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

  static Column typed(FocusColumn f, Column s) {
    return switch (f.type()) {
      case STRING -> trim(s);
      case DECIMAL -> trim(s).try_cast(DECIMAL);
      case LONG -> trim(s).try_cast("bigint");
      case TIMESTAMP -> timestamp(s);
      case JSON -> json(f.name(), s);
    };
  }

  /**
   * UTC timestamps as exports write them: ISO with T and Z or an offset, a space instead of T, no
   * zone at all (taken as UTC), fractions of a second, or a bare date.
   */
  static Column timestamp(Column s) {
    Column t = regexp_replace(trim(s), "^(\\d{4}-\\d{2}-\\d{2})[T ]", "$1 ");
    Column ts =
        coalesce(
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XXX")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mmXXX")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm")),
            try_to_timestamp(t, lit("yyyy-MM-dd")));
    return ts.cast(DataTypes.TimestampNTZType);
  }

  /**
   * A JSON object kept as text. Azure writes Tags without the outer braces; those are added back.
   * Anything that still does not parse as an object is an error.
   */
  static Column json(String name, Column s) {
    Column t = trim(s);
    if (!name.equals("Tags")) {
      return t;
    }
    Column braced = when(t.startsWith("{"), t).otherwise(concat(lit("{"), t, lit("}")));
    Column parsed =
        from_json(
            braced,
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
            Map.of("mode", "PERMISSIVE"));
    return when(parsed.isNotNull(), to_json(parsed));
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
