package dev.burnrate.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.burnrate.core.BurnrateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Strict YAML reading for operator-owned files: every problem is one exit-2 line. */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Keys an older version read, with what replaced them: refused with that hint. */
  private static final java.util.Map<String, String> RETIRED_KEYS =
      java.util.Map.of(
          "marketplace_share",
          "replaced by 'marketplace: {counts: share, share: x}' (or counts: full | none,"
              + " cap_share_of_commitment: y), see docs/commitments.md");

  private Yaml() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads {@code file} as {@code type}, turning every failure into a one-line config error. */
  public static <T> T read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      throw BurnrateException.config(file + ": file not found");
    }
    try {
      T value = MAPPER.readValue(file.toFile(), type);
      if (value == null) {
        throw BurnrateException.config(file + ": file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String retired = RETIRED_KEYS.get(e.getPropertyName());
      String known =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .sorted()
              .collect(Collectors.joining(", "));
      String problem =
          retired != null
              ? "' is " + retired
              : "'" + (known.isEmpty() ? "" : " (known here: " + known + ")");
      throw BurnrateException.config(
          file
              + lineOfKey(file, e.getPropertyName(), e.getLocation())
              + (retired != null ? ": key '" : ": unknown key '")
              + e.getPropertyName()
              + problem);
    } catch (MismatchedInputException e) {
      throw BurnrateException.config(
          file + where(e.getLocation()) + ": " + e.getOriginalMessage().split("\n")[0] + path(e));
    } catch (JsonProcessingException e) {
      throw BurnrateException.config(
          file + where(e.getLocation()) + ": " + e.getOriginalMessage().split("\n")[0]);
    } catch (NoSuchFileException e) {
      throw BurnrateException.config(file + ": file not found");
    } catch (IOException e) {
      throw BurnrateException.config(file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * Jackson reports where it noticed an unknown key, which for records is after the whole block;
   * the operator wants the line the key is written on.
   */
  private static String lineOfKey(Path file, String key, JsonLocation fallback) {
    try {
      java.util.regex.Pattern p =
          java.util.regex.Pattern.compile(
              "^\\s*(-\\s+)?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:");
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (p.matcher(lines.get(i)).find()) {
          return ":" + (i + 1);
        }
      }
    } catch (IOException e) {
      // fall back to Jackson's position
    }
    return where(fallback);
  }

  private static String where(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr();
  }

  private static String path(MismatchedInputException e) {
    String p =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    return p.isEmpty() ? "" : " (at " + p + ")";
  }
}
