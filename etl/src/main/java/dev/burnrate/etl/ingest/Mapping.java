package dev.burnrate.etl.ingest;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declarative mapping from one export format to the lake's FOCUS columns, read from {@code
 * mappings/<format>.yaml}. Each FOCUS column gets one rule: {@code from} (rename: the first of the
 * listed source columns that the file has), {@code static} (a constant), {@code map} (a value map
 * applied to {@code from}) or {@code sql} (a Spark SQL expression over the source columns).
 */
public record Mapping(
    @JsonProperty("format") String format,
    @JsonProperty("description") String description,
    @JsonProperty("identity") boolean identity,
    @JsonProperty("columns") Map<String, Rule> columns,
    @JsonProperty("required") List<String> required,
    @JsonProperty("versions") LinkedHashMap<String, List<String>> versions,
    @JsonProperty("accepted_values") Map<String, List<String>> acceptedValues) {

  public Mapping {
    columns = columns == null ? Map.of() : columns;
    required = required == null ? List.of() : required;
    versions = versions == null ? new LinkedHashMap<>() : versions;
    acceptedValues = acceptedValues == null ? Map.of() : acceptedValues;
  }

  /** How one FOCUS column is produced. Exactly one of from, static, sql is set. */
  public record Rule(
      @JsonProperty("from") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> from,
      @JsonProperty("static") String constant,
      @JsonProperty("sql") String sql,
      @JsonProperty("map") Map<String, String> map) {}

  /** Loads the mapping shipped for a format key, e.g. "focus". */
  public static Mapping load(String format) {
    String resource = "/mappings/" + format + ".yaml";
    try (InputStream in = Mapping.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw BurnrateException.config("format '" + format + "' has no mapping (" + resource + ")");
      }
      Mapping m = Yaml.mapper().readValue(in, Mapping.class);
      m.columns.forEach(
          (col, rule) -> {
            int kinds =
                (rule.from() != null ? 1 : 0)
                    + (rule.constant() != null ? 1 : 0)
                    + (rule.sql() != null ? 1 : 0);
            if (kinds != 1 || (rule.map() != null && rule.from() == null)) {
              throw new BurnrateException(
                  ExitCode.FAILURE,
                  resource + ": column " + col + " needs exactly one of from, static, sql");
            }
          });
      return m;
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, resource + ": " + e.getMessage(), e);
    }
  }

  /** The newest version whose marker columns the file has, or "unknown". */
  public String detectVersion(Set<String> sourceColumns) {
    for (Map.Entry<String, List<String>> v : versions.entrySet()) {
      if (sourceColumns.containsAll(v.getValue())) {
        return v.getKey();
      }
    }
    return "unknown";
  }
}
