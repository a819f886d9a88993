package app.asynchealth.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class IntegrationRepresentations {

    private IntegrationRepresentations() {
    }

    @Schema(name = "NewIntegrationToken")
    public record NewToken(@NotBlank @Size(max = 200) String name,
            @Schema(description = "Days until it expires; default 365", minimum = "1", maximum = "730") @Min(1) @Max(730) Integer expiresInDays) {
    }

    @Schema(name = "IntegrationToken", description = "An HR integration token (role hr-analyst); its value is shown only when created")
    public record TokenView(@Schema(required = true) UUID id, @Schema(required = true) String name, @Schema(required = true) String createdBy, @Schema(required = true) Instant createdAt, @Schema(required = true) Instant expiresAt, Instant revokedAt) {

        static TokenView of(IntegrationToken token) {
            return new TokenView(token.id, token.name, token.createdBy, token.createdAt, token.expiresAt, token.revokedAt);
        }
    }

    @Schema(name = "IssuedIntegrationToken")
    public record IssuedToken(@Schema(required = true) TokenView integration,
            @Schema(required = true, description = "The bearer token; store it now, it is not shown again") String token) {
    }

    @Schema(name = "IntegrationTokenPage")
    public record TokenPage(@Schema(required = true) List<TokenView> items, String nextCursor) {
    }
}
