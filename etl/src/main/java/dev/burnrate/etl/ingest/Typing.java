package dev.burnrate.etl.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Text-to-type conversions shared by the projection and the format preparers. */
public final class Typing {
  private Typing() {}

  /**
   * UTC timestamps as exports write them: ISO with T and Z or an offset, a space instead of T, no
   * zone at all (taken as UTC), fractions of a second, a bare date, or a US date (M/D/YYYY or
   * M/D/YY, as Azure and spreadsheet-edited files write them).
   */
  public static Column timestamp(Column s) {
    Column t = regexp_replace(trim(s), "^(\\d{4}-\\d{2}-\\d{2})[T ]", "$1 ");
    Column iso =
        coalesce(
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XXX")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mmXXX")),
            try_to_timestamp(t, lit("yyyy-MM-dd HH:mm")),
            try_to_timestamp(t, lit("yyyy-MM-dd")));
    Column us4 =
        coalesce(
            try_to_timestamp(t, lit("M/d/yyyy H:mm[:ss]")),
            try_to_timestamp(t, lit("M/d/yyyy h:mm[:ss] a")),
            try_to_timestamp(t, lit("M/d/yyyy")));
    Column us2 = try_to_timestamp(t, lit("M/d/yy"));
    Column ts =
        when(t.rlike("^\\d{1,2}/\\d{1,2}/\\d{4}"), us4)
            .when(t.rlike("^\\d{1,2}/\\d{1,2}/\\d{2}$"), us2)
            .otherwise(iso);
    return ts.cast(DataTypes.TimestampNTZType);
  }
}
