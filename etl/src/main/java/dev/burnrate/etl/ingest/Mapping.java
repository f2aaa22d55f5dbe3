package dev.burnrate.etl.ingest;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.Yaml;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declarative mapping from one export format to the lake's FOCUS columns, read from {@code
 * mappings/<format>.yaml}. Each FOCUS column gets one rule:
 *
 * <ul>
 *   <li>{@code from}: rename, the first of the listed source columns that the file has;
 *   <li>{@code static}: a constant;
 *   <li>{@code map}: a value map applied to {@code from} (unmapped values pass through);
 *   <li>{@code lookup}: a two-column CSV beside the mapping ({@code key,value}) applied to {@code
 *       from} (unmatched values become null);
 *   <li>{@code sql}: a Spark SQL expression over the source columns (backtick-quoted); a source
 *       column it names that the file lacks is null, so one rule serves files whose column set
 *       varies;
 *   <li>{@code from_prefix}: a JSON object of every source column whose name starts with one of the
 *       prefixes, keyed by the rest of the name (tags spread over columns);
 * </ul>
 *
 * and optionally {@code default}: the constant used when the rule gives null.
 */
public record Mapping(
    @JsonProperty("format") String format,
    @JsonProperty("description") String description,
    @JsonProperty("identity") boolean identity,
    @JsonProperty("columns") Map<String, Rule> columns,
    @JsonProperty("required") List<String> required,
    @JsonProperty("versions") LinkedHashMap<String, List<String>> versions,
    @JsonProperty("accepted_values") Map<String, List<String>> acceptedValues) {

  private static final Pattern QUOTED = Pattern.compile("`((?:[^`]|``)+)`");

  public Mapping {
    columns = columns == null ? Map.of() : columns;
    required = required == null ? List.of() : required;
    versions = versions == null ? new LinkedHashMap<>() : versions;
    acceptedValues = acceptedValues == null ? Map.of() : acceptedValues;
  }

  /** How one FOCUS column is produced. Exactly one of from, static, sql, from_prefix is set. */
  public record Rule(
      @JsonProperty("from") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> from,
      @JsonProperty("static") String constant,
      @JsonProperty("sql") String sql,
      @JsonProperty("map") Map<String, String> map,
      @JsonProperty("lookup") String lookup,
      @JsonProperty("from_prefix")
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<String> fromPrefix,
      @JsonProperty("default") String defaultValue,
      @JsonIgnore Map<String, String> lookupTable) {

    /** A copy holding the loaded lookup table. */
    Rule withLookupTable(Map<String, String> table) {
      return new Rule(from, constant, sql, map, lookup, fromPrefix, defaultValue, table);
    }
  }

  /** Loads the mapping shipped for a format key, e.g. "focus". */
  public static Mapping load(String format) {
    String resource = "/mappings/" + format + ".yaml";
    try (InputStream in = Mapping.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw BurnrateException.config("format '" + format + "' has no mapping (" + resource + ")");
      }
      Mapping m = Yaml.mapper().readValue(in, Mapping.class);
      Map<String, Rule> loaded = new LinkedHashMap<>();
      m.columns.forEach(
          (col, rule) -> {
            int kinds =
                (rule.from() != null ? 1 : 0)
                    + (rule.constant() != null ? 1 : 0)
                    + (rule.sql() != null ? 1 : 0)
                    + (rule.fromPrefix() != null ? 1 : 0);
            boolean needsFrom = rule.map() != null || rule.lookup() != null;
            if (kinds != 1 || (needsFrom && rule.from() == null)) {
              throw new BurnrateException(
                  ExitCode.FAILURE,
                  resource
                      + ": column "
                      + col
                      + " needs exactly one of from, static, sql, from_prefix (map and lookup"
                      + " go with from)");
            }
            loaded.put(
                col,
                rule.lookup() == null
                    ? rule
                    : rule.withLookupTable(readLookup("/mappings/" + rule.lookup())));
          });
      return new Mapping(
          m.format, m.description, m.identity, loaded, m.required, m.versions, m.acceptedValues);
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, resource + ": " + e.getMessage(), e);
    }
  }

  /** A lookup CSV: a header line, then {@code key,value} lines (no quoting, # comments). */
  static Map<String, String> readLookup(String resource) {
    Map<String, String> table = new LinkedHashMap<>();
    try (InputStream in = Mapping.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BurnrateException(ExitCode.FAILURE, "lookup table " + resource + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0) {
          throw new BurnrateException(
              ExitCode.FAILURE, resource + ": '" + line + "' is not key,value");
        }
        table.put(line.substring(0, comma).trim(), line.substring(comma + 1).trim());
      }
      return table;
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, resource + ": " + e.getMessage(), e);
    }
  }

  /** Every source column the rules name (from lists and backtick-quoted names in sql). */
  public Set<String> referencedColumns() {
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : columns.values()) {
      if (r.from() != null) {
        out.addAll(r.from());
      }
      if (r.sql() != null) {
        Matcher m = QUOTED.matcher(r.sql());
        while (m.find()) {
          out.add(m.group(1).replace("``", "`"));
        }
      }
    }
    return out;
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
