package dev.burnrate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.testing.PipelineYaml;
import dev.burnrate.core.testing.PipelineYaml.Source;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Azure source without a connection string, SAS or key falls back to Entra ID's default chain.
 * Here no identity of any kind exists (no service principal, managed identity or CLI login), so
 * what can be checked is the failure: exit 2, the chain named, no secret and no SDK text.
 */
class AzureEntraIdTest {
  @TempDir Path dir;

  @Test
  void withNoCredentialAnywhereThePullExits2NamingTheChainTried() throws Exception {
    PipelineConfig cfg =
        PipelineYaml.dataDir("../data")
            .source(
                Source.of(
                    "azure", "focus", "https://burnratenoid.blob.core.windows.net/exports/focus/"))
            .load(dir.resolve("conf"));
    BurnrateException e =
        assertThrows(
            BurnrateException.class, () -> PullStep.run(cfg, Map.of("PATH", "/usr/bin:/bin")));
    assertEquals(2, e.exitCode(), e.getMessage());
    String m = e.getMessage();
    assertTrue(m.startsWith("source 'azure': azure://burnratenoid/exports/"), m);
    assertTrue(m.contains("no Azure credential"), m);
    assertTrue(m.contains("managed identity") && m.contains("Azure CLI"), m);
    assertFalse(m.contains("Exception"), "no SDK text: " + m);
  }
}
