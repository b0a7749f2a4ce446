/**
 * Player accounts: registration, login, guests, bcrypt passwords, signed access tokens and rotating
 * refresh tokens, and the HTTP security of the whole API. Other modules authenticate a raw access
 * token with {@link hokm.accounts.AccountService#authenticate(String)}.
 */
@ApplicationModule(
    displayName = "Accounts",
    allowedDependencies = {"platform", "rating", "security"})
package hokm.accounts;

import org.springframework.modulith.ApplicationModule;
