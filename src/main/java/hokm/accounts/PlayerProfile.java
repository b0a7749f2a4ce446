package hokm.accounts;

import java.time.Instant;
import java.util.UUID;

/** What anyone may know about a player. */
public record PlayerProfile(
    UUID id,
    String username,
    boolean guest,
    int rating,
    int totalGames,
    int wins,
    int losses,
    Instant createdAt) {}
