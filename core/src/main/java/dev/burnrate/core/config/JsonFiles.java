package dev.burnrate.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.burnrate.core.io.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The pull step's JSON bookkeeping below {@code data_dir/pull/} (ledgers, plans): times as ISO
 * text, indented, and written whole and durably ({@link DurableFiles}).
 */
public final class JsonFiles {
  /** The mapper every such file is read and written with. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /**
   * Writes {@code value} to {@code target} whole: a reader, even after a power cut, sees the old or
   * the new file.
   */
  public static void write(Path target, Object value) {
    try {
      DurableFiles.write(target, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
