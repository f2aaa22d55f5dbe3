package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import dev.burnrate.etl.lake.LineNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source rows as text, whatever the file format, each tagged with its file and its line (CSV: the
 * physical line, header = 1) or row number (Parquet: from 1), and why the record could not be read,
 * if it could not.
 *
 * <p>A CSV row with fewer fields than the header is read, its missing trailing fields as nulls:
 * legacy AWS CUR files leave out trailing empty fields. Such rows are marked ({@link #SHORT_ROW})
 * so that the ingest can say how many there were, once per file. A row with more fields than the
 * header is malformed: which field is which cannot be known.
 *
 * @param rows the source columns (all strings) plus the underscore columns below
 * @param columns the source column names, in file order
 */
public record RawRows(Dataset<Row> rows, List<String> columns) {
  public static final String FILE = LineNumbers.FILE;
  public static final String LINE = LineNumbers.LINE;

  /** Why the record could not be read (without the "(row): " prefix); null when it could. */
  public static final String MALFORMED_REASON = "_malformed";

  /**
   * On a CSV row with fewer fields than the header: {@code struct<fields:int, header:int>}, the
   * row's and the header's number of fields; null on every other row. Structs compare field by
   * field, so {@code min} of the column is the shortest row.
   */
  public static final String SHORT_ROW = "_short_row";

  static final DataType SHORT_ROW_TYPE =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("fields", DataTypes.IntegerType, true),
              DataTypes.createStructField("header", DataTypes.IntegerType, true)));

  public static final String CORRUPT_TEXT = "_corrupt";

  /** Aggregate names for {@link #warnShortRows}: count and min of {@link #SHORT_ROW}. */
  static final String SHORT_ROWS = "short_rows";

  static final String SHORTEST_ROW = "shortest_row";

  /**
   * Optional, added by a preparer: array of "Column: reason" messages for a row the preparer found
   * wrong (the row is quarantined with them).
   */
  public static final String PREP_ERRORS = "_prep_errors";

  private static final String CORRUPT_COLUMN = "_corrupt_record";

  /**
   * A quoted field, opening quote at the field's start, doubled quotes inside, closing quote at its
   * end; group 1 is the delimiter before it. What is left after removing such fields has no comma
   * inside a value, so its commas count the fields, and a quote still in it means the quoting is
   * broken (a field spanning lines, a stray quote) and the fields cannot be counted.
   */
  private static final String QUOTED_FIELD = "(^|,)\"(?:[^\"]|\"\")*\"(?=,|$)";

  private static final Logger LOG = LoggerFactory.getLogger(RawRows.class);

  /**
   * Reads CSV files that share one header. Splittable files are read in parallel; the line number
   * of each row is rebuilt from the split it came from, so no file is read by one task alone. Files
   * that cannot be split (gzip) are numbered without that extra pass, and their rows are spread
   * over all cores right after the parse.
   */
  static RawRows csv(SparkSession spark, List<String> files, List<String> header) {
    return csv(spark, files, header, false);
  }

  /**
   * @param wholeFiles true when every file is compressed with a codec that cannot be split, so each
   *     file is read whole by one task
   */
  static RawRows csv(
      SparkSession spark, List<String> files, List<String> header, boolean wholeFiles) {
    List<StructField> fields = new ArrayList<>();
    for (String h : header) {
      fields.add(DataTypes.createStructField(h, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT_COLUMN, DataTypes.StringType, true));
    // Lines are numbered as text, before parsing: Spark's CSV reader drops blank lines, so
    // numbering its rows would shift every line after a blank one. The header (line 1) and blank
    // lines are then left out and each line is parsed as one record, as the CSV reader does with
    // multiLine off.
    Dataset<Row> lines =
        spark
            .read()
            .text(files.toArray(String[]::new))
            .withColumn(FILE, col("_metadata.file_path"));
    Dataset<Row> numbered =
        number(lines, wholeFiles, 1L)
            .filter(col(LINE).gt(1L).and(length(trim(col("value"))).gt(0)))
            .withColumn(
                "_rec",
                from_csv(
                    col("value"),
                    lit(DataTypes.createStructType(fields).toDDL()),
                    Map.of(
                        "mode", "PERMISSIVE",
                        "columnNameOfCorruptRecord", CORRUPT_COLUMN,
                        "quote", "\"",
                        "escape", "\"",
                        "ignoreLeadingWhiteSpace", "false",
                        "ignoreTrailingWhiteSpace", "false")));
    List<Column> select = new ArrayList<>();
    for (String h : header) {
      select.add(col("_rec").getField(h).as(h));
    }
    select.add(col(FILE));
    select.add(col(LINE));
    Column corrupt = col("_rec").getField(CORRUPT_COLUMN);
    select.add(corrupt.as(CORRUPT_COLUMN));
    select.addAll(fieldCount(col("value"), corrupt.isNotNull(), header.size()));
    return spread(spark, numbered.select(select.toArray(Column[]::new)), header, wholeFiles);
  }

  /**
   * {@link #SHORT_ROW} and {@link #MALFORMED_REASON} of a CSV line that the parser found malformed
   * (which, with every column read as text, means its number of fields is not the header's). The
   * fields are counted only on such lines, so the well-formed majority pays nothing. A short line
   * is read with nulls for its missing trailing fields, as the parser already filled them.
   */
  private static List<Column> fieldCount(Column line, Column malformed, int headerFields) {
    Column unquoted = regexp_replace(line, QUOTED_FIELD, "$1");
    Column countable = unquoted.contains("\"").unary_$bang();
    Column fields = length(unquoted).minus(length(replace(unquoted, lit(","), lit("")))).plus(1);
    Column isShort = malformed.and(countable).and(fields.lt(headerFields));
    Column reason =
        when(
                countable.and(fields.gt(headerFields)),
                format_string("%d fields, more than the header's " + headerFields, fields))
            .otherwise(
                lit(
                    "malformed record, its fields cannot be matched to the header's "
                        + headerFields
                        + " (check the quoting)"));
    return List.of(
        when(isShort, struct(fields.as("fields"), lit(headerFields).as("header")))
            .cast(SHORT_ROW_TYPE)
            .as(SHORT_ROW),
        when(malformed.and(isShort.unary_$bang()), reason).as(MALFORMED_REASON));
  }

  /**
   * Logs one warning per file that had rows with fewer fields than the header.
   *
   * @param read rows with {@code x_SourceFile}, {@link #SHORT_ROWS} (count) and {@link
   *     #SHORTEST_ROW} (min of {@link #SHORT_ROW}), several rows per file allowed
   */
  static void warnShortRows(List<Row> read) {
    Map<String, long[]> byFile = new TreeMap<>();
    for (Row r : read) {
      long n = r.getLong(r.fieldIndex(SHORT_ROWS));
      if (n == 0) {
        continue;
      }
      Row shortest = r.getStruct(r.fieldIndex(SHORTEST_ROW));
      long[] t =
          byFile.computeIfAbsent(
              r.getString(r.fieldIndex("x_SourceFile")),
              f -> new long[] {0, Integer.MAX_VALUE, shortest.getInt(1)});
      t[0] += n;
      t[1] = Math.min(t[1], shortest.getInt(0));
    }
    byFile.forEach(
        (file, t) ->
            LOG.warn(
                "{}: {} row(s) have fewer fields than the header ({}{} of {}); the missing"
                    + " trailing fields are read as empty",
                file,
                String.format("%,d", t[0]),
                t[0] > 1 ? "as few as " : "",
                t[1],
                t[2]));
  }

  /**
   * Reads newline-delimited JSON files (Google Cloud's BigQuery billing export) with a known
   * schema: every value as its text, nested records flattened to dotted names ({@code
   * service.description}), arrays and maps as JSON text; the line is the physical line of the
   * record (the first = 1). Keys outside the schema are not read: the schema is never inferred,
   * which would read every row on the way and make a column of every key any row has.
   *
   * @param schema the records' fields, text or records of text; a text field holding an object or a
   *     list reads its JSON text
   */
  static RawRows json(
      SparkSession spark, List<String> files, StructType schema, boolean wholeFiles) {
    Dataset<Row> df =
        spark
            .read()
            .schema(schema.add(CORRUPT_COLUMN, DataTypes.StringType, true))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT_COLUMN)
            .option("multiLine", "false")
            .option("encoding", "UTF-8")
            .json(files.toArray(String[]::new));
    List<String> names = new ArrayList<>();
    List<Column> flat = new ArrayList<>();
    for (StructField f : schema.fields()) {
      flatten(col(FocusProjection.quote(f.name())), f.name(), f.dataType(), names, flat);
    }
    Column corruptText = col(CORRUPT_COLUMN);
    flat.add(corruptText.as(CORRUPT_COLUMN));
    flat.add(col("_metadata.file_path").as(FILE));
    flat.add(lit(null).cast(SHORT_ROW_TYPE).as(SHORT_ROW));
    flat.add(
        when(corruptText.isNotNull(), lit("malformed record, not a JSON object"))
            .as(MALFORMED_REASON));
    Dataset<Row> numbered = number(df.select(flat.toArray(Column[]::new)), wholeFiles, 1L);
    return spread(spark, numbered, names, wholeFiles);
  }

  /**
   * The named columns plus file, line, short row and malformed reason. One task decompresses and
   * parses each compressed file; its rows are then spread over every core right after the parse, so
   * that mapping, typing and writing do not run on that one core too. Hashing (file, line) keeps
   * the partitioning deterministic for a retried task, unlike round robin.
   */
  private static RawRows spread(
      SparkSession spark, Dataset<Row> numbered, List<String> names, boolean wholeFiles) {
    List<Column> select = new ArrayList<>();
    for (String h : names) {
      select.add(col(FocusProjection.quote(h)));
    }
    select.add(col(FILE));
    select.add(col(LINE));
    select.add(col(MALFORMED_REASON));
    select.add(col(SHORT_ROW));
    select.add(col(CORRUPT_COLUMN).as(CORRUPT_TEXT));
    Dataset<Row> rows = numbered.select(select.toArray(Column[]::new));
    if (wholeFiles) {
      rows =
          rows.repartition(
              Math.max(2, spark.sparkContext().defaultParallelism()), col(FILE), col(LINE));
    }
    return new RawRows(rows, names);
  }

  private static void flatten(
      Column c, String name, DataType type, List<String> names, List<Column> out) {
    if (type instanceof StructType st) {
      for (StructField f : st.fields()) {
        flatten(c.getField(f.name()), name + "." + f.name(), f.dataType(), names, out);
      }
      return;
    }
    boolean nested = type instanceof MapType || type instanceof ArrayType;
    out.add((nested ? to_json(c) : c.cast(DataTypes.StringType)).as(name));
    names.add(name);
  }

  /**
   * Adds {@link #LINE}: the row's line in its file, {@code firstLine} for the first record.
   *
   * @param tagged rows with {@link #FILE}
   */
  private static Dataset<Row> number(Dataset<Row> tagged, boolean wholeFiles, long firstLine) {
    Dataset<Row> numbered;
    if (wholeFiles) {
      // Compressed files are not splittable: each is read from its start by one task, alone in
      // its partition (CostReader.oneFilePerPartition sees that no two files share one), so
      // the line is the row's index in its partition, the low 33 bits of
      // monotonically_increasing_id. No extra pass over the data.
      numbered =
          tagged.withColumn(
              LINE, monotonically_increasing_id().bitwiseAND(lit((1L << 33) - 1)).plus(firstLine));
    } else {
      tagged =
          tagged
              .withColumn(LineNumbers.BLOCK, input_file_block_start())
              .withColumn(LineNumbers.MID, monotonically_increasing_id());
      numbered = LineNumbers.number(tagged, tagged, firstLine);
    }
    return numbered;
  }

  /** Reads Parquet files that share one schema; nested values become JSON text. */
  static RawRows parquet(SparkSession spark, List<String> files) {
    Dataset<Row> df = spark.read().parquet(files.toArray(String[]::new));
    StructType schema = df.schema();
    List<Column> select = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = col(FocusProjection.quote(f.name()));
      boolean nested =
          f.dataType() instanceof MapType
              || f.dataType() instanceof StructType
              || f.dataType() instanceof org.apache.spark.sql.types.ArrayType;
      select.add((nested ? to_json(c) : c.cast(DataTypes.StringType)).as(f.name()));
      names.add(f.name());
    }
    select.add(col("_metadata.file_path").as(FILE));
    select.add(col("_metadata.row_index").plus(1L).as(LINE));
    select.add(lit(null).cast(DataTypes.StringType).as(MALFORMED_REASON));
    select.add(lit(null).cast(SHORT_ROW_TYPE).as(SHORT_ROW));
    select.add(lit(null).cast(DataTypes.StringType).as(CORRUPT_TEXT));
    return new RawRows(df.select(select.toArray(Column[]::new)), names);
  }
}
