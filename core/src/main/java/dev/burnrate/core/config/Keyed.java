package dev.burnrate.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A choice written in pipeline.yaml by a key ({@code auto}, {@code aws-data-exports}, ...): {@link
 * Yaml} reads it case-insensitively and trimmed, and refuses anything else with the list of keys.
 */
public interface Keyed {
  /** The value as pipeline.yaml writes it: by default the name in lower case, '_' as '-'. */
  default String key() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The keys of {@code type}, in declaration order: {@code a, b, c}. */
  static String keys(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(e -> ((Keyed) e).key())
        .collect(Collectors.joining(", "));
  }

  /** The constant whose key is {@code text}, ignoring case and surrounding blanks; else null. */
  static <E extends Keyed> E find(Class<E> type, String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.key().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst()
        .orElse(null);
  }

  /** Reads every {@link Keyed} enum by its key. */
  static SimpleModule module() {
    return new SimpleModule("keyed") {
      @Override
      public void setupModule(SetupContext context) {
        context.addDeserializers(
            new Deserializers.Base() {
              @Override
              public JsonDeserializer<?> findEnumDeserializer(
                  Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
                return Keyed.class.isAssignableFrom(type) ? deserializer(type) : null;
              }
            });
      }
    };
  }

  private static <E> JsonDeserializer<E> deserializer(Class<E> type) {
    return new StdScalarDeserializer<>(type) {
      @Override
      public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        Keyed found = text == null ? null : find(type.asSubclass(Keyed.class), text);
        if (found == null) {
          throw ctxt.weirdStringException(text, type, "not one of " + keys(type));
        }
        return type.cast(found);
      }
    };
  }
}
