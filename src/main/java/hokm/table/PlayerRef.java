package hokm.table;

import java.util.UUID;

/** An authenticated player, as tables know them. */
public record PlayerRef(UUID id, String username) {}
