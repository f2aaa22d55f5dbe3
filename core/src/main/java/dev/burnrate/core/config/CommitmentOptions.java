package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code options:} of a FOCUS Contract Commitment source.
 *
 * @param provider the provider the commitments are with: required, the dataset (FOCUS 1.3) has no
 *     provider column
 */
public record CommitmentOptions(String provider) implements SourceOptions {

  /** The options as pipeline.yaml writes them. */
  @JsonCreator
  static CommitmentOptions read(@JsonProperty("provider") String provider) {
    if (provider == null || provider.isBlank()) {
      throw new Yaml.InvalidValue("provider", "required, the dataset has no provider column");
    }
    return new CommitmentOptions(provider.strip());
  }
}
