package hokm.accounts;

import hokm.rating.Rating;
import java.time.Instant;
import java.util.UUID;

/**
 * What anyone may know about a player. A guest's rating stays at OpenSkill's defaults: guests are
 * not rated.
 *
 * @param ratedGames the games that changed {@code rating}
 */
public record PlayerProfile(
    UUID id,
    String username,
    boolean guest,
    Rating rating,
    int ratedGames,
    int totalGames,
    int wins,
    int losses,
    Instant createdAt) {}
