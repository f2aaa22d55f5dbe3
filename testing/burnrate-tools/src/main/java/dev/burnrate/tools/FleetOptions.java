package dev.burnrate.tools;

import picocli.CommandLine.Option;

/** The generated fleet's size and seed, shared by generate and demo. */
final class FleetOptions {
  @Option(
      names = "--scale",
      defaultValue = "1",
      description =
          "Fleet multiplier: N times the demo company's ~40 GPU nodes (default: ${DEFAULT-VALUE}).")
  int scale;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
  long seed;
}
