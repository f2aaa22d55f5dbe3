package dev.burnrate.core.config;

/**
 * A source's {@code options:} in pipeline.yaml, typed by what its format delivers ({@link
 * SourceFormat.Kind}); {@link SourceFormat#optionKeys} says which keys each format accepts.
 */
public sealed interface SourceOptions permits BillingOptions, TelemetryOptions, CommitmentOptions {}
