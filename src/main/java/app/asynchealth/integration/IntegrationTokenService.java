package app.asynchealth.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.integration.IntegrationRepresentations.IssuedToken;
import app.asynchealth.integration.IntegrationRepresentations.NewToken;
import app.asynchealth.integration.IntegrationRepresentations.TokenView;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.security.ServiceTokens;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;

@ApplicationScoped
@Transactional
public class IntegrationTokenService {

    static final String LIST = "integration-tokens";
    static final int DEFAULT_DAYS = 365;

    private final IntegrationTokenRepository tokens;
    private final ServiceTokens minting;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;

    IntegrationTokenService(IntegrationTokenRepository tokens, ServiceTokens minting, Caller caller,
            Pagination pagination, Clock clock) {
        this.tokens = tokens;
        this.minting = minting;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
    }

    public IssuedToken create(NewToken request) {
        Instant expiresAt = clock.instant().plus(Duration.ofDays(
                request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays()));
        IntegrationToken token = new IntegrationToken();
        token.name = request.name().strip();
        token.createdBy = caller.subject();
        token.expiresAt = expiresAt;
        token.tokenHash = "";
        tokens.persist(token);
        String raw = minting.mintIntegration(token.id, caller.tenantId().orElseThrow(), expiresAt);
        token.tokenHash = TokenHashes.sha256(raw);
        tokens.flush();
        return new IssuedToken(TokenView.of(token), raw);
    }

    public Page<TokenView> list(PageRequest request) {
        return pagination.page(LIST, request, tokens.page(request), token -> token.id.toString(), TokenView::of);
    }

    public TokenView revoke(UUID id) {
        IntegrationToken token = tokens.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Integration token"));
        if (token.revokedAt == null) {
            token.revokedAt = clock.instant();
            tokens.flush();
        }
        return TokenView.of(token);
    }
}
