package hokm.gateway.internal;

import hokm.accounts.AccountService;
import hokm.gateway.PlayerAuthenticator;
import hokm.table.PlayerRef;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Checks hello tokens with the accounts module: the same access tokens as the REST API. */
@Component
class AccountsAuthenticator implements PlayerAuthenticator {
  private final AccountService accounts;

  AccountsAuthenticator(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<Authenticated> authenticate(String token) {
    return accounts
        .authenticate(token)
        .map(
            p ->
                new Authenticated(
                    new PlayerRef(p.id(), p.username()), p.expiresAt(), p.tokenVersion()));
  }

  @Override
  public boolean revoked(UUID playerId, long tokenVersion) {
    return accounts.isRevoked(playerId, tokenVersion);
  }
}
