package dev.burnrate.etl.ingest.formats;

import dev.burnrate.core.config.SourceFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The billing formats the ingest reads: for each, its mapping file ({@code mappings/<key>.yaml})
 * and its optional {@link Preparer}. A format missing here has no reader yet.
 */
public final class Formats {
  /** One readable format. */
  public record Format(SourceFormat format, String mappingName, Preparer preparer) {}

  private static final Map<SourceFormat, Format> FORMATS = new EnumMap<>(SourceFormat.class);

  static {
    register(new Format(SourceFormat.FOCUS, "focus", Preparer.NONE));
  }

  private Formats() {}

  private static void register(Format f) {
    FORMATS.put(f.format(), f);
  }

  public static Optional<Format> get(SourceFormat format) {
    return Optional.ofNullable(FORMATS.get(format));
  }
}
