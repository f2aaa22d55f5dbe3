package dev.burnrate.storage;

import dev.burnrate.core.config.ObjectStorePath;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.PullPlan;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.StorageMode;
import dev.burnrate.core.config.StorageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pull stage: before the ingest, every source whose path is in an object store ({@link
 * ObjectStorePath}) is brought up to date in {@code data_dir/landing/<source>/}, which is what
 * {@link PipelineConfig#resolveSourcePath} hands the ingest, or in {@link StorageMode#DIRECT} mode
 * its current objects are written to its {@link PullPlan}, which the ingest reads from the store.
 * Sources on local or Hadoop paths are left alone. Bookkeeping lives in {@code data_dir/pull/}.
 *
 * <p>Store settings ({@code endpoint}, {@code path_style}, {@code region}, {@code layout}, {@code
 * mode}) come from the source's {@code storage:} block over pipeline.yaml's top-level {@code
 * storage:} block; credentials only from {@code env} (the process environment) and the SDKs'
 * standard chains.
 */
public final class PullStep {
  private PullStep() {}

  /** The sources this configuration pulls. */
  public static List<SourceConfig> remoteSources(PipelineConfig cfg) {
    return cfg.sources().stream().filter(s -> ObjectStorePath.isObjectStore(s.path())).toList();
  }

  /** Pulls every object-store source in configuration order; returns one result per source. */
  public static List<PullResult> run(PipelineConfig cfg, Map<String, String> env) {
    List<PullResult> out = new ArrayList<>();
    Path pullDir = cfg.dataDir().resolve("pull");
    for (SourceConfig src : remoteSources(cfg)) {
      ObjectStorePath path = ObjectStorePath.parse(src.path()).orElseThrow();
      StorageOptions options = cfg.storageOptions(src);
      ExportLayout layout = ExportLayout.of(src, options);
      Path plan = cfg.storageMode(src) == StorageMode.DIRECT ? PullPlan.file(cfg, src) : null;
      SourcePull pull =
          new SourcePull(src.name(), path, layout, cfg.pulledLanding(src), pullDir, plan);
      try (ObjectStore store = open(path, options, env)) {
        out.add(pull.run(store));
      } catch (dev.burnrate.core.BurnrateException e) {
        throw new dev.burnrate.core.BurnrateException(
            e.exitCode(), "source '" + src.name() + "': " + e.getMessage());
      }
    }
    return out;
  }

  static ObjectStore open(ObjectStorePath path, StorageOptions options, Map<String, String> env) {
    return switch (path.kind()) {
      case S3 -> new S3Store(path, options, env);
      case AZURE_BLOB -> new AzureBlobStore(path, options, env);
    };
  }

  /** The result for one source, if it was pulled. */
  public static Optional<PullResult> of(List<PullResult> results, String source) {
    return results.stream().filter(r -> r.source().equals(source)).findFirst();
  }
}
