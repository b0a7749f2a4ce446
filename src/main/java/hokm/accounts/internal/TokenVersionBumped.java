package hokm.accounts.internal;

import java.util.UUID;

/** Published inside the transaction that raised a player's token version; acted on after commit. */
record TokenVersionBumped(UUID playerId, long tokenVersion) {}
