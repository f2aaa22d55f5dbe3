package dev.burnrate.core.focus;

/**
 * One column of the lake's cost table.
 *
 * @param name the FOCUS column name (or an x_ extension)
 * @param type the logical type every stage agrees on
 * @param since the FOCUS version that introduced it ("x" for burnrate's extensions)
 * @param description what it holds, for the data dictionary
 */
public record FocusColumn(String name, Type type, String since, String description) {

  /** Logical types, mapped to Spark and DuckDB types by each stage. */
  public enum Type {
    /** Text. */
    STRING("VARCHAR"),
    /** Money and quantities: DECIMAL(28,10), exact to well below a cent. */
    DECIMAL("DECIMAL(28,10)"),
    /** An instant in UTC without a zone attached (Parquet TIMESTAMP, not adjusted). */
    TIMESTAMP("TIMESTAMP"),
    /** A JSON document held as text (Tags, ContractApplied). */
    JSON("VARCHAR"),
    /** A whole number. */
    LONG("BIGINT");

    private final String duckdbType;

    Type(String duckdbType) {
      this.duckdbType = duckdbType;
    }

    public String duckdbType() {
      return duckdbType;
    }
  }
}
