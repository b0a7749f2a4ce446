package hokm.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A keyed stream for shuffling: block {@code i} is HMAC-SHA-256(secret, label || 0x00 || i) with
 * {@code i} a big-endian 64-bit counter. Integers come from the stream by rejection sampling, so
 * they are exactly uniform; a shuffle is Fisher-Yates over them. Each purpose (the face-up deal,
 * each hand) has its own label and so its own stream: HMAC-SHA-256 is a pseudorandom function, and
 * outputs for one label say nothing useful about outputs for another, nor about the secret.
 *
 * <p>HMAC (RFC 2104) is written out over {@link MessageDigest} so the engine needs only {@code
 * java.*}; a test checks it against {@code javax.crypto.Mac}.
 */
final class DealStream {
  /** The least secret length, in bytes (256 bits). */
  static final int SECRET_BYTES = 32;

  private static final int BLOCK = 64;

  private final MessageDigest sha256;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] label;
  private final byte[] block = new byte[32];
  private int used = block.length;
  private long counter;

  DealStream(byte[] secret, String label) {
    if (secret == null || secret.length < SECRET_BYTES) {
      throw new IllegalArgumentException("a deal secret has at least 256 bits");
    }
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    byte[] key = secret.length > BLOCK ? sha256.digest(secret) : secret;
    for (int i = 0; i < BLOCK; i++) {
      byte k = i < key.length ? key[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
    this.label = label.getBytes(StandardCharsets.UTF_8);
  }

  private int nextByte() {
    if (used == block.length) {
      byte[] message = new byte[label.length + 9];
      System.arraycopy(label, 0, message, 0, label.length);
      for (int i = 0; i < 8; i++) {
        message[label.length + 1 + i] = (byte) (counter >>> (56 - 8 * i));
      }
      counter++;
      System.arraycopy(hmac(message), 0, block, 0, block.length);
      used = 0;
    }
    return block[used++] & 0xFF;
  }

  /** HMAC-SHA-256 of {@code message} under the secret. */
  byte[] hmac(byte[] message) {
    sha256.update(innerPad);
    byte[] inner = sha256.digest(message);
    sha256.update(outerPad);
    return sha256.digest(inner);
  }

  /**
   * A uniform int in [0, bound), bound at most 256: one byte, redrawn when past the last whole
   * multiple.
   */
  int nextInt(int bound) {
    if (bound < 1 || bound > 256) {
      throw new IllegalArgumentException("bound " + bound);
    }
    int limit = 256 - 256 % bound;
    int b = nextByte();
    while (b >= limit) {
      b = nextByte();
    }
    return b % bound;
  }

  /** Shuffles the array in place (Fisher-Yates). */
  void shuffle(byte[] cards) {
    for (int i = cards.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      byte t = cards[i];
      cards[i] = cards[j];
      cards[j] = t;
    }
  }
}
