package dev.burnrate.etl.telemetry;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.etl.lake.LakePublisher;
import dev.burnrate.etl.lake.SourceFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * What a telemetry source's lake/gpu days were built from: the SHA-256 of the source's format,
 * options and every input file's path and checksum, kept in {@code
 * lake/gpu/source=<source>/_inputs.sha256}. A source whose fingerprint is the stored one is not
 * read again. The fingerprint is stored only after the publish, so a run that dies before it is
 * simply redone next time.
 */
final class InputsFingerprint {
  static final String FILE_NAME = "_inputs.sha256";

  private final Path file;
  private final String value;

  InputsFingerprint(PipelineConfig cfg, SourceConfig src, List<SourceFiles.InputFile> listed) {
    this.file =
        new Path(
            new Path(cfg.layout().lakeGpu().toUri()),
            GpuDays.SOURCE + "=" + src.name() + "/" + FILE_NAME);
    StringBuilder sb = new StringBuilder(src.format()).append(' ').append(src.options());
    for (SourceFiles.InputFile f : listed) {
      sb.append(' ').append(f.path()).append('=').append(f.sha256());
    }
    try {
      this.value =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when the source's days were published from these very inputs. */
  boolean unchanged(LakePublisher publisher) {
    return value.equals(publisher.readText(file));
  }

  void store(LakePublisher publisher) {
    publisher.writeText(file, value);
  }
}
