package app.asynchealth.integration;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.security.TokenRevocations;
import app.asynchealth.platform.tenancy.TenantWork;

@ApplicationScoped
public class IntegrationTokenRevocations implements TokenRevocations {

    private final TenantWork work;
    private final IntegrationTokenRepository tokens;
    private final Clock clock;

    IntegrationTokenRevocations(TenantWork work, IntegrationTokenRepository tokens, Clock clock) {
        this.work = work;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public boolean active(String tenant, String tokenId, String rawToken) {
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return work.call(tenant, () -> tokens.findByIdOptional(id)
                .map(token -> token.activeAt(clock.instant()) && TokenHashes.matches(rawToken, token.tokenHash))
                .orElse(false));
    }
}
