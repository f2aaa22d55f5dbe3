package dev.burnrate.core.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conf/pipeline.yaml for tests, built from values and written by Jackson's YAML mapper (so a
 * path, an endpoint or a glob is quoted as YAML needs), with contracts.yaml and fx-rates.csv beside
 * it when given. Tests whose subject is the YAML text itself (a typo, the line of an error) write
 * it literally instead.
 *
 * <pre>{@code
 * PipelineConfig cfg =
 *     PipelineYaml.dataDir("..")
 *         .quarantineMaxShare(0.5)
 *         .source(Source.of("aws", "aws-cur", "landing/cur/**"))
 *         .load(dir.resolve("conf"));
 * }</pre>
 */
public final class PipelineYaml {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private final Map<String, Object> keys = new LinkedHashMap<>();
  private final List<Source> sources = new ArrayList<>();
  private Map<String, ?> contracts;
  private final List<List<String>> fxRates = new ArrayList<>();

  private PipelineYaml() {}

  /** A pipeline.yaml with {@code data_dir} (relative to the conf folder, as in the file). */
  public static PipelineYaml dataDir(String dataDir) {
    PipelineYaml y = new PipelineYaml();
    y.keys.put("data_dir", dataDir);
    return y;
  }

  /**
   * The pipeline.yaml of {@code confDir} as it is (a generated one, say), to change and write back;
   * its comments are not kept.
   */
  public static PipelineYaml read(Path confDir) {
    Map<String, Object> file;
    try {
      file =
          YAML.readValue(confDir.resolve(PipelineConfig.FILE).toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PipelineYaml y = new PipelineYaml();
    Object listed = file.remove("sources");
    y.keys.putAll(file);
    if (listed instanceof List<?> entries) {
      for (Object entry : entries) {
        y.sources.add(Source.of(YAML.convertValue(entry, new TypeReference<>() {})));
      }
    }
    return y;
  }

  public PipelineYaml reportingCurrency(String currency) {
    return set("reporting_currency", currency);
  }

  public PipelineYaml quarantineMaxShare(double share) {
    return set("quarantine_max_share", share);
  }

  /** {@code spark.master}. */
  public PipelineYaml sparkMaster(String master) {
    return set("spark", Map.of("master", master));
  }

  /** The top-level {@code storage} block (endpoint, path_style, region, layout, mode). */
  public PipelineYaml storage(Map<String, ?> storage) {
    return set("storage", storage);
  }

  /** The {@code mail} block. */
  public PipelineYaml mail(Map<String, ?> mail) {
    return set("mail", mail);
  }

  /** Any other top-level key (showback_tag_keys, overlaps, anomalies, warehouse, ...). */
  public PipelineYaml set(String key, Object value) {
    if (key.equals("sources")) {
      throw new IllegalArgumentException("sources are added with source(...)");
    }
    keys.put(key, value);
    return this;
  }

  /** Adds a source after those already there. */
  public PipelineYaml source(Source source) {
    sources.add(source);
    return this;
  }

  /** Leaves out the source named {@code name}, as an operator removes it from the file. */
  public PipelineYaml withoutSource(String name) {
    if (!sources.removeIf(s -> s.name().equals(name))) {
      throw new IllegalArgumentException("no source '" + name + "' in " + text());
    }
    return this;
  }

  /** Replaces every source. */
  public PipelineYaml sources(List<Source> replacing) {
    sources.clear();
    sources.addAll(replacing);
    return this;
  }

  /** contracts.yaml beside pipeline.yaml, from its tree ({@code contracts: [...]}). */
  public PipelineYaml contracts(Map<String, ?> tree) {
    contracts = tree;
    return this;
  }

  /** A row of fx-rates.csv beside pipeline.yaml ({@code valid_from} as yyyy-mm-dd). */
  public PipelineYaml fxRate(String currency, String validFrom, String rateToReporting) {
    fxRates.add(List.of(currency, validFrom, rateToReporting));
    return this;
  }

  /** The pipeline.yaml text. */
  public String text() {
    Map<String, Object> file = new LinkedHashMap<>(keys);
    if (!sources.isEmpty()) {
      file.put("sources", sources.stream().map(Source::tree).toList());
    }
    try {
      return YAML.writeValueAsString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes pipeline.yaml (and contracts.yaml, fx-rates.csv when given) into {@code confDir},
   * creating it; returns {@code confDir}.
   */
  public Path writeTo(Path confDir) {
    try {
      Files.createDirectories(confDir);
      Files.writeString(confDir.resolve(PipelineConfig.FILE), text());
      if (contracts != null) {
        YAML.writeValue(confDir.resolve("contracts.yaml").toFile(), contracts);
      }
      if (!fxRates.isEmpty()) {
        List<String> lines = new ArrayList<>();
        lines.add("currency,valid_from,rate_to_reporting");
        fxRates.forEach(row -> lines.add(String.join(",", row)));
        Files.write(confDir.resolve("fx-rates.csv"), lines);
      }
      return confDir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the files into {@code confDir} and loads them as the job does. */
  public PipelineConfig load(Path confDir) {
    return PipelineConfig.load(writeTo(confDir));
  }

  /** One entry of {@code sources}: name, format, path and its optional blocks. */
  public static final class Source {
    private final Map<String, Object> tree;

    private Source(Map<String, Object> tree) {
      this.tree = tree;
    }

    /** A source with its three required keys; {@code path} as written in the file. */
    public static Source of(String name, String format, String path) {
      Map<String, Object> tree = new LinkedHashMap<>();
      tree.put("name", name);
      tree.put("format", format);
      tree.put("path", path);
      return new Source(tree);
    }

    private static Source of(Map<String, Object> tree) {
      return new Source(new LinkedHashMap<>(tree));
    }

    /** The format's {@code options} block. */
    public Source options(Map<String, ?> options) {
      return with("options", options);
    }

    /** The source's own {@code storage} block (layout, mode, ...). */
    public Source storage(Map<String, ?> storage) {
      return with("storage", storage);
    }

    /** The {@code freshness} block; a null threshold is left out. */
    public Source freshness(Integer warnAfterHours, Integer errorAfterHours) {
      Map<String, Object> freshness = new LinkedHashMap<>();
      if (warnAfterHours != null) {
        freshness.put("warn_after_hours", warnAfterHours);
      }
      if (errorAfterHours != null) {
        freshness.put("error_after_hours", errorAfterHours);
      }
      return with("freshness", freshness);
    }

    /** This source with one more key (or another value for it). */
    public Source with(String key, Object value) {
      Map<String, Object> changed = new LinkedHashMap<>(tree);
      changed.put(key, value);
      return new Source(changed);
    }

    public String name() {
      return (String) tree.get("name");
    }

    Map<String, Object> tree() {
      return tree;
    }
  }
}
