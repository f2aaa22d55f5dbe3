package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a source in {@link StorageMode#DIRECT} mode reads: the objects of its current deliveries as
 * the pull step found them, in {@code data_dir/pull/<source>.plan.json}. The pull step writes it
 * whole and durably ({@link JsonFiles#write}); the ingest reads exactly these objects, and takes
 * each one's entity tag as its identity instead of reading it twice to hash it.
 *
 * @param source the source name
 * @param location the store location listed ({@code s3://bucket/prefix/}), for messages
 * @param objects the current objects, in key order
 */
public record PullPlan(
    @JsonProperty("source") String source,
    @JsonProperty("location") String location,
    @JsonProperty("objects") List<Entry> objects) {

  public PullPlan {
    objects = objects == null ? List.of() : List.copyOf(objects);
  }

  /**
   * One object to read.
   *
   * @param uri what Spark opens: {@code s3a://bucket/key}
   * @param etag the entity tag listed, without quotes
   * @param size bytes
   * @param lastModified when the store last wrote it (the ingest's "newest delivery wins" order)
   */
  public record Entry(
      @JsonProperty("uri") String uri,
      @JsonProperty("etag") String etag,
      @JsonProperty("size") long size,
      @JsonProperty("last_modified") Instant lastModified) {}

  /** The plan file of a source: {@code data_dir/pull/<source>.plan.json}. */
  public static Path file(PipelineConfig cfg, SourceConfig source) {
    return cfg.dataDir().resolve("pull").resolve(source.name() + ".plan.json");
  }

  /**
   * Reads a source's plan; a missing or unreadable one is an exit-2 error (the pull has not run, or
   * must run again).
   */
  public static PullPlan read(PipelineConfig cfg, SourceConfig source) {
    Path file = file(cfg, source);
    if (!Files.exists(file)) {
      throw BurnrateException.config(
          "source '"
              + source.name()
              + "' reads its store directly (storage.mode direct) but "
              + file
              + " does not exist: run burnrate pull (the nightly job does) first");
    }
    try {
      return JsonFiles.JSON.readValue(file.toFile(), PullPlan.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      // a plan cut short by a power cut before plans were written durably: the pull rewrites it
      throw BurnrateException.config(
          "the pull plan "
              + file
              + " of source '"
              + source.name()
              + "' is empty or cut short: run burnrate pull (the nightly job does) to write it"
              + " again");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pull plan " + file, e);
    }
  }

  /** Writes the plan to {@code file} whole and durably. */
  public void write(Path file) {
    JsonFiles.write(file, this);
  }
}
