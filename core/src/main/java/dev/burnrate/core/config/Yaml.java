package dev.burnrate.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.burnrate.core.BurnrateException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Strict YAML reading for operator-owned files: every problem is one exit-2 line naming the file,
 * the line the offending key is written on, the key and what it accepts.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory())
          .registerModule(new JavaTimeModule())
          .registerModule(Keyed.module())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // a block read as a tree first (a source's options) keeps a decimal as written
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Keys an older version read, with what replaced them: refused with that hint. */
  private static final Map<String, String> RETIRED_KEYS =
      Map.of(
          "marketplace_share",
          "replaced by 'marketplace: {counts: share, share: x}' (or counts: full | none,"
              + " cap_share_of_commitment: y), see docs/commitments.md");

  private Yaml() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads {@code file} as {@code type}, turning every failure into a one-line config error. */
  public static <T> T read(Path file, Class<T> type) {
    return Document.of(file).read(type);
  }

  /**
   * A value that a record's constructor refuses: thrown from a creator, it is reported at the line
   * of {@code key} inside the block being read (not at the block's first line).
   */
  public static final class InvalidValue extends IllegalArgumentException {
    private final String key;

    public InvalidValue(String key, String problem) {
      super(problem);
      this.key = key;
    }
  }

  /**
   * What is wrong and where: a JSON pointer into the file ({@code /sources/0/options/delivery}).
   */
  private record Problem(String pointer, String text) {}

  /** A YAML file with the line of every key, so that a problem names the line it is on. */
  public static final class Document {
    private final Path file;
    private final String name;
    private final Map<String, Integer> lines;
    private final Map<String, List<String>> keys;

    private Document(
        Path file, String name, Map<String, Integer> lines, Map<String, List<String>> keys) {
      this.file = file;
      this.name = name;
      this.lines = lines;
      this.keys = keys;
    }

    /**
     * Values built in code rather than read from a file ({@link #convert} only): a message names no
     * file and line.
     */
    public static Document detached() {
      return new Document(null, null, Map.of(), Map.of());
    }

    /** Indexes {@code file}; a missing file or a YAML syntax error is a config error. */
    public static Document of(Path file) {
      if (!Files.isRegularFile(file)) {
        throw BurnrateException.config(file + ": file not found");
      }
      Map<String, Integer> lines = new HashMap<>();
      Map<String, List<String>> keys = new HashMap<>();
      try (JsonParser p = MAPPER.getFactory().createParser(file.toFile())) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          String at = p.getParsingContext().pathAsPointer().toString();
          lines.putIfAbsent(at, p.currentTokenLocation().getLineNr());
          if (t == JsonToken.FIELD_NAME) {
            String parent = at.substring(0, at.lastIndexOf('/'));
            keys.computeIfAbsent(parent, k -> new ArrayList<>()).add(p.currentName());
          }
        }
      } catch (JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        throw BurnrateException.config(
            file + (line > 0 ? ":" + line : "") + ": " + e.getOriginalMessage().split("\n")[0]);
      } catch (NoSuchFileException e) {
        throw BurnrateException.config(file + ": file not found");
      } catch (IOException e) {
        throw BurnrateException.config(file + ": cannot read: " + e.getMessage());
      }
      return new Document(file, file.toString(), lines, keys);
    }

    /** True when the file writes a key or item at {@code pointer} ({@code /mail/smtp}). */
    public boolean has(String pointer) {
      return lines.containsKey(pointer);
    }

    /** The whole file as {@code type}. */
    public <T> T read(Class<T> type) {
      T value;
      try {
        value = MAPPER.readValue(file.toFile(), type);
      } catch (JsonMappingException e) {
        throw error(problem(e, "", keys::get));
      } catch (IOException e) {
        throw BurnrateException.config(file + ": cannot read: " + e.getMessage());
      }
      if (value == null) {
        throw BurnrateException.config(file + ": file is empty");
      }
      return value;
    }

    /** The block at {@code pointer}, read into a tree first ({@code node}), as {@code type}. */
    public <T> T convert(String pointer, JsonNode node, Class<T> type) {
      try {
        return MAPPER.treeToValue(node, type);
      } catch (JsonMappingException e) {
        throw error(problem(e, pointer, at -> fieldNames(node.at(at.substring(pointer.length())))));
      } catch (JsonProcessingException e) {
        throw error(pointer, prefix(pointer) + e.getOriginalMessage().split("\n")[0]);
      }
    }

    private BurnrateException error(Problem problem) {
      return error(problem.pointer(), problem.text());
    }

    /** The config error {@code file:line: text} for the key or item at {@code pointer}. */
    public BurnrateException error(String pointer, String text) {
      return BurnrateException.config(name == null ? text : name + where(pointer) + ": " + text);
    }

    /** {@code :line} of the key at {@code pointer}, or of its nearest enclosing key. */
    private String where(String pointer) {
      for (JsonPointer p = JsonPointer.compile(pointer); p != null; p = p.head()) {
        Integer line = lines.get(p.toString());
        if (line != null && line > 0) {
          return ":" + line;
        }
      }
      return "";
    }
  }

  /**
   * Jackson's complaint about the value read at {@code base}; {@code keysAt} gives the keys written
   * in the object at a pointer.
   */
  private static Problem problem(
      JsonMappingException e,
      String base,
      java.util.function.Function<String, List<String>> keysAt) {
    List<String> path = new ArrayList<>();
    for (JsonPointer p = JsonPointer.compile(base); !p.matches(); p = p.tail()) {
      path.add(p.getMatchingProperty());
    }
    for (JsonMappingException.Reference r : e.getPath()) {
      path.add(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
    }
    String pointer = pointer(path);
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      return unknownKey(pointer(path.subList(0, path.size() - 1)), u.getPropertyName(), known);
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidValue v) {
      String at = pointer + "/" + escape(v.key);
      return new Problem(at, dotted(at) + ": " + v.getMessage());
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof RuntimeException c) {
      return new Problem(pointer, prefix(pointer) + c.getMessage());
    }
    if (e instanceof InvalidFormatException f) {
      return new Problem(
          pointer, prefix(pointer) + "'" + f.getValue() + "' is not " + kind(f.getTargetType()));
    }
    String message = e.getOriginalMessage().split("\n")[0];
    if (e instanceof MismatchedInputException && message.startsWith("Missing required")) {
      // Jackson notices a missing key before an unknown one, and a misspelled key is both
      String parent = pointer(path.subList(0, path.size() - 1));
      List<String> known = propertiesOf(e);
      List<String> written = keysAt.apply(parent);
      for (String key : written == null ? List.<String>of() : written) {
        if (!known.isEmpty() && !known.contains(key)) {
          return unknownKey(parent, key, known);
        }
      }
      return new Problem(
          parent, prefix(parent) + "'" + path.get(path.size() - 1) + "' is required");
    }
    return new Problem(pointer, prefix(pointer) + message);
  }

  /** The key {@code key}, written in the object at {@code parent}, is none of {@code known}. */
  private static Problem unknownKey(String parent, String key, List<String> known) {
    String retired = RETIRED_KEYS.get(key);
    String at = parent + "/" + escape(key);
    if (retired != null) {
      return new Problem(at, "key '" + key + "' is " + retired);
    }
    String hint = closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
    return new Problem(
        at,
        "unknown key '"
            + key
            + "'"
            + (known.isEmpty()
                ? ""
                : " (" + hint + "known here: " + String.join(", ", known) + ")"));
  }

  /** The keys of the type whose required key is missing, sorted (empty when unknown). */
  private static List<String> propertiesOf(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    Object from = path.isEmpty() ? null : path.get(path.size() - 1).getFrom();
    if (!(from instanceof Class<?> type)) {
      return List.of();
    }
    return MAPPER
        .getDeserializationConfig()
        .introspect(MAPPER.constructType(type))
        .findProperties()
        .stream()
        .map(p -> p.getName())
        .sorted()
        .toList();
  }

  private static String kind(Class<?> type) {
    if (Keyed.class.isAssignableFrom(type)) {
      return "one of " + Keyed.keys(type);
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == BigDecimal.class) {
      return "a number";
    }
    return "a valid " + type.getSimpleName();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * The accepted word closest to {@code word} when it is a plausible misspelling of it (at most a
   * third of its letters wrong, transpositions counting once), else empty.
   */
  public static Optional<String> closest(String word, Collection<String> accepted) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : accepted) {
      int d = distance(word.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance > 0 && bestDistance <= Math.max(1, best.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String pointer(List<String> path) {
    return path.stream().map(s -> "/" + escape(s)).collect(Collectors.joining());
  }

  /** {@code key} as a JSON pointer segment. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** {@code /sources/0/options/delivery} as {@code sources[0].options.delivery}. */
  private static String dotted(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
      if (p.mayMatchElement() && p.getMatchingProperty().matches("\\d+")) {
        sb.append('[').append(p.getMatchingIndex()).append(']');
      } else {
        sb.append(sb.isEmpty() ? "" : ".").append(p.getMatchingProperty());
      }
    }
    return sb.toString();
  }

  private static String prefix(String pointer) {
    return pointer.isEmpty() ? "" : dotted(pointer) + ": ";
  }
}
