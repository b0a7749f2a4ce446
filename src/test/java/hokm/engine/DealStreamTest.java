package hokm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DealStreamTest {
  private static final Rules RULES = Rules.STANDARD;

  /** A fixed secret per index, so the statistical tests are deterministic and cannot flake. */
  private static byte[] secret(long index) {
    return ByteBuffer.allocate(DealStream.SECRET_BYTES).putLong(index).putLong(~index).array();
  }

  private static byte[] shuffled(byte[] secret, String label) {
    byte[] pack = new byte[Card.COUNT];
    for (int i = 0; i < pack.length; i++) {
      pack[i] = (byte) i;
    }
    new DealStream(secret, label).shuffle(pack);
    return pack;
  }

  @Test
  void theHmacIsHmacSha256() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret(3), "HmacSHA256"));
    byte[] message = "hokm/hand/1".getBytes(StandardCharsets.UTF_8);
    assertThat(new DealStream(secret(3), "x").hmac(message)).isEqualTo(mac.doFinal(message));
  }

  @Test
  void theSameSecretGivesTheSameDeals() {
    Game a = Game.start(secret(7), RULES);
    Game b = Game.start(secret(7), RULES);
    assertThat(a.dealtFromSecret()).isTrue();
    assertThat(a.ceremony()).isEqualTo(b.ceremony());
    assertThat(a.openingEvents()).isEqualTo(b.openingEvents());
    assertThat(shuffled(secret(7), "hokm/hand/2")).isEqualTo(shuffled(secret(7), "hokm/hand/2"));
  }

  @Test
  void differentSecretsAndDifferentHandsGiveDifferentDeals() {
    assertThat(Game.start(secret(1), RULES).openingEvents())
        .isNotEqualTo(Game.start(secret(2), RULES).openingEvents());
    assertThat(shuffled(secret(1), "hokm/hand/1")).isNotEqualTo(shuffled(secret(1), "hokm/hand/2"));
    assertThat(shuffled(secret(1), "hokm/hand/1")).isNotEqualTo(shuffled(secret(2), "hokm/hand/1"));
  }

  @Test
  void aGameDealtFromASecretReplaysExactly() {
    Game played = Game.start(secret(11), RULES);
    Simulation.of(played)
        .runWith(new RandomBot(1), new RandomBot(2), new RandomBot(3), new RandomBot(4));
    Game replayed = Game.replay(secret(11), RULES, played.moves());
    assertThat(replayed.isOver()).isTrue();
    assertThat(replayed.moves()).isEqualTo(played.moves());
    assertThat(replayed.openingEvents()).isEqualTo(played.openingEvents());
  }

  @Test
  void aSecretShorterThan256BitsIsRefused() {
    assertThatThrownBy(() -> Game.start(new byte[16], RULES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Game.start((byte[]) null, RULES))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void legacySeedGamesAreDealtAsBefore() {
    Game legacy = Game.start(42L, RULES);
    assertThat(legacy.dealtFromSecret()).isFalse();
    assertThat(legacy.openingEvents()).isEqualTo(Game.start(42L, RULES).openingEvents());
  }

  /**
   * Where each card lands over 5,200 shuffles: a 52 x 52 table, 100 expected per cell, 51 x 51 =
   * 2,601 degrees of freedom. The 0.001 critical value is about 2,830; 2,900 is generous.
   */
  @Test
  void everyCardIsEquallyLikelyInEveryPosition() {
    int shuffles = 5_200;
    int[][] counts = new int[Card.COUNT][Card.COUNT];
    for (int s = 0; s < shuffles; s++) {
      byte[] pack = shuffled(secret(s), "hokm/hand/1");
      for (int position = 0; position < pack.length; position++) {
        counts[pack[position]][position]++;
      }
    }
    double expected = shuffles / (double) Card.COUNT;
    double chiSquare = 0;
    for (int[] row : counts) {
      for (int observed : row) {
        chiSquare += (observed - expected) * (observed - expected) / expected;
      }
    }
    assertThat(chiSquare).isLessThan(2_900.0);
  }

  /** The first seat of the face-up deal: 4 cells, 3 degrees of freedom, 0.001 critical 16.27. */
  @Test
  void theFaceUpDealStartsAtEverySeatEquallyOften() {
    int games = 4_000;
    int[] counts = new int[Seats.COUNT];
    for (int g = 0; g < games; g++) {
      counts[new DealStream(secret(g), "hokm/hakem-deal").nextInt(Seats.COUNT)]++;
    }
    double expected = games / (double) Seats.COUNT;
    double chiSquare = 0;
    for (int observed : counts) {
      chiSquare += (observed - expected) * (observed - expected) / expected;
    }
    assertThat(chiSquare).isLessThan(16.27);
  }
}
