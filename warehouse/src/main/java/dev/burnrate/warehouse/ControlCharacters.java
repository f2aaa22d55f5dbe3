package dev.burnrate.warehouse;

/**
 * Text that {@code burnrate sql} prints, with control characters shown as escapes, so a value (a
 * tag from a billing export, say) cannot move the cursor, recolour, retitle or reprogram the
 * terminal, nor split a row across lines.
 *
 * <ul>
 *   <li>newline, carriage return and tab: {@code \n}, {@code \r}, {@code \t};
 *   <li>the other C0 and C1 controls and DEL: {@code \xNN} (ESC is {@code \x1b});
 *   <li>the bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069),
 *       which reorder what a terminal shows: a backslash, {@code u} and four hex digits.
 * </ul>
 *
 * A backslash already in a value is printed as it is, so the escapes are for reading, not a
 * reversible encoding: text without control characters is printed unchanged.
 */
final class ControlCharacters {
  private ControlCharacters() {}

  static String escape(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isEscaped(c)) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default ->
            b.append(
                c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      }
    }
    return b == null ? text : b.toString();
  }

  private static boolean isEscaped(char c) {
    return Character.getType(c) == Character.CONTROL
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
