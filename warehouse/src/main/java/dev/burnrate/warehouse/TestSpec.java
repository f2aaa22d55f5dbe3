package dev.burnrate.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A singular test ({@code sql/tests/<name>.sql}) or an input check ({@code sql/checks/<name>.sql}).
 * An input check of {@code severity: warn} reports its messages and lets the build go on; only
 * input checks may warn.
 */
record TestSpec(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "description", required = true) String description,
    @JsonProperty("severity") String severity) {

  TestSpec {
    severity = severity == null ? "error" : severity;
    if (!severity.equals("error") && !severity.equals("warn")) {
      throw new IllegalArgumentException(
          "test " + name + ": severity " + severity + " is not error or warn");
    }
  }

  boolean warns() {
    return severity.equals("warn");
  }

  /** {@code sql/tests/_tests.yaml}. */
  record TestsFile(@JsonProperty(value = "tests", required = true) List<TestSpec> tests) {
    TestsFile {
      tests = List.copyOf(tests);
    }
  }

  /** {@code sql/checks/_checks.yaml}. */
  record ChecksFile(@JsonProperty(value = "checks", required = true) List<TestSpec> checks) {
    ChecksFile {
      checks = List.copyOf(checks);
    }
  }
}
