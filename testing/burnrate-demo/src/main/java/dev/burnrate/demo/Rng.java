package dev.burnrate.demo;

import java.util.SplittableRandom;

/**
 * Keyed random streams: every entity (a node, a GPU, a day of a bucket) draws from its own stream,
 * derived from the seed and the entity's key. Output therefore does not depend on the order in
 * which things are generated, and a change to one part of the fleet leaves the rest unchanged.
 */
final class Rng {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  private Rng() {}

  /** A stream for one entity: the same seed and keys always give the same stream. */
  static SplittableRandom of(long seed, Object... keys) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (Object k : keys) {
      h = mix(h ^ mix(key(k) + 0x632BE59BD9B4E019L));
    }
    return new SplittableRandom(h);
  }

  private static long key(Object k) {
    if (k instanceof Number n) {
      return n.longValue();
    }
    // String.hashCode is specified by the JLS, so this is stable across JVMs; widen it by
    // hashing the characters into a long as well.
    String s = String.valueOf(k);
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static String hex(SplittableRandom r, int n) {
    return chars(r, HEX, n);
  }

  static String base32(SplittableRandom r, int n) {
    return chars(r, BASE32, n);
  }

  static String upperAlnum(SplittableRandom r, int n) {
    return chars(r, UPPER_ALNUM, n);
  }

  static String digits(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder(n);
    sb.append((char) ('1' + r.nextInt(9)));
    for (int i = 1; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  /** A random (version 4 shaped) UUID in lower-case hex. */
  static String uuid(SplittableRandom r) {
    return hex(r, 8)
        + "-"
        + hex(r, 4)
        + "-4"
        + hex(r, 3)
        + "-"
        + HEX[8 + r.nextInt(4)]
        + hex(r, 3)
        + "-"
        + hex(r, 12);
  }

  /** Uniform in [lo, hi). */
  static double between(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  private static String chars(SplittableRandom r, char[] alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet[r.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }
}
