package dev.burnrate.etl.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.config.PipelineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test helpers: a conf folder with given sources, fixtures copied into landing/. */
final class IngestFixtures {
  private IngestFixtures() {}

  /** A pipeline.yaml below {@code dir/conf} with data_dir {@code dir} and the given sources. */
  static PipelineConfig config(Path dir, double quarantineShare, String sourcesYaml)
      throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("pipeline.yaml"),
        "reporting_currency: USD\n"
            + "data_dir: ..\n"
            + "quarantine_max_share: "
            + quarantineShare
            + "\n"
            + "sources:\n"
            + sourcesYaml);
    return PipelineConfig.load(conf);
  }

  /** Copies fixture {@code resource} (below /fixtures/) to {@code dir/target}. */
  static Path land(Path dir, String resource, String target) throws IOException {
    Path to = dir.resolve(target);
    Files.createDirectories(to.getParent());
    try (InputStream in = IngestFixtures.class.getResourceAsStream("/fixtures/" + resource)) {
      if (in == null) {
        throw new IOException("no fixture " + resource);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  static JsonNode manifest(IngestResult r) throws IOException {
    return new ObjectMapper().readTree(r.manifest().toFile());
  }

  /** Sum of a manifest cost field over every input and currency. */
  static BigDecimal manifestSum(JsonNode manifest, String field) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode in : manifest.get("inputs")) {
      for (JsonNode c : in.get("cost")) {
        sum = sum.add(new BigDecimal(c.get(field).asText()));
      }
    }
    return sum;
  }
}
