package dev.burnrate.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pull step knows of one source, kept as JSON in {@code data_dir/pull/<source>.json}: the
 * objects whose copies are in landing ({@code landed}), those downloaded to staging but not yet
 * moved there ({@code staged}), the delivery id of each manifest period ({@code deliveries}) and
 * the manifests read, by key with their entity tags ({@code manifests}). Written whole and durably
 * ({@link JsonFiles#write}).
 *
 * <p>A pull changes landing only in its commit: {@link Commit} is written first, then applied
 * (deletions, renames from staging), then the ledger; a commit file left by a killed run is applied
 * again by the next one. So the ingest never sees half a pull, and an interrupted pull resumes from
 * its staged objects without reading any of them twice.
 */
final class PullLedger {
  private static final ObjectMapper JSON = JsonFiles.JSON;

  /** The ledger's content. */
  record State(
      @JsonProperty("location") String location,
      @JsonProperty("landed") Map<String, StoredObject> landed,
      @JsonProperty("staged") Map<String, StoredObject> staged,
      @JsonProperty("deliveries") Map<String, String> deliveries,
      @JsonProperty("manifests") Map<String, ExportLayout.Manifest> manifests) {
    State {
      landed = landed == null ? new TreeMap<>() : new TreeMap<>(landed);
      staged = staged == null ? new TreeMap<>() : new TreeMap<>(staged);
      deliveries = deliveries == null ? new TreeMap<>() : new TreeMap<>(deliveries);
      manifests = manifests == null ? new TreeMap<>() : new TreeMap<>(manifests);
    }
  }

  /**
   * A commit: move each staged file ({@code moves}: staging path to landing path), delete the
   * landing copies in {@code deletes}, then the ledger becomes {@code after}.
   */
  record Commit(
      @JsonProperty("moves") Map<String, String> moves,
      @JsonProperty("deletes") List<String> deletes,
      @JsonProperty("after") State after) {}

  private final Path file;
  private final Path commitFile;

  PullLedger(Path pullDir, String source) {
    this.file = pullDir.resolve(source + ".json");
    this.commitFile = pullDir.resolve(source + ".commit.json");
  }

  State load(String location) {
    if (!Files.exists(file)) {
      return new State(location, null, null, null, null);
    }
    try {
      return JSON.readValue(file.toFile(), State.class);
    } catch (JacksonException e) {
      throw cutShort(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pull ledger " + file, e);
    }
  }

  void save(State s) {
    JsonFiles.write(file, s);
  }

  /** Completes a commit that a killed run left; true when there was one. */
  boolean recover() {
    if (!Files.exists(commitFile)) {
      return false;
    }
    try {
      apply(JSON.readValue(commitFile.toFile(), Commit.class));
    } catch (JacksonException e) {
      throw cutShort(commitFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + commitFile, e);
    }
    return true;
  }

  /**
   * A ledger or commit file left empty or cut short (a power cut before they were written durably):
   * which landing copies are current is unknown, so the pull stops (exit 3) and says how to start
   * the source over.
   */
  private BurnrateException cutShort(Path f) {
    return BurnrateException.input(
        f
            + " is empty or cut short, so the pull cannot tell which landing copies are current: move "
            + file
            + ", "
            + commitFile
            + " (if there) and the source's landing folder aside, and the next pull downloads the"
            + " source again in full");
  }

  /** Journals, applies and records a commit. */
  void commit(Commit c) {
    JsonFiles.write(commitFile, c);
    apply(c);
  }

  private void apply(Commit c) {
    try {
      // deletions first: a copy leaving (a) can stand where an arriving one needs a folder (a/b)
      for (String d : c.deletes()) {
        Files.deleteIfExists(Path.of(d));
      }
      for (Map.Entry<String, String> m : c.moves().entrySet()) {
        Path from = Path.of(m.getKey());
        Path to = Path.of(m.getValue());
        if (Files.exists(from)) {
          Files.createDirectories(to.getParent());
          LandingPaths.removeEmptyFolders(to);
          Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      save(c.after());
      Files.deleteIfExists(commitFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot apply the pull commit " + commitFile, e);
    }
  }
}
