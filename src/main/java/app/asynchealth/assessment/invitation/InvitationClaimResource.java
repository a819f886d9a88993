package app.asynchealth.assessment.invitation;

import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.assessment.invitation.InvitationRepresentations.ClaimRequest;
import app.asynchealth.assessment.invitation.InvitationRepresentations.RespondentCredential;

/** Where a member turns the claim code they received into the credential only they will hold. */
@Path("/api/v1/invitation-claims")
@Tag(name = "Answering")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class InvitationClaimResource {

    private final InvitationClaims claims;

    InvitationClaimResource(InvitationClaims claims) {
        this.claims = claims;
    }

    @POST
    @SecurityRequirementsSet
    @Operation(summary = "Claim an invitation: exchange its one-time code for your own respondent credential",
            description = "Needs no token: the code is the proof. The code dies here, and the credential is shown to you only; with a claim key, the same code and key get it again if the reply was lost. Nobody else (not the person who invited you) ever holds a credential that reads or changes your answers.")
    @APIResponse(responseCode = "201", description = "Your respondent credential", content = @Content(schema = @Schema(implementation = RespondentCredential.class)))
    @APIResponse(responseCode = "404", description = "No invitation waits for this code (unknown, revoked, replaced, or already claimed without this claim key)")
    @APIResponse(responseCode = "409", description = "The assessment is closed")
    public Response claim(@Valid @NotNull ClaimRequest body) {
        return Response.status(Response.Status.CREATED).entity(claims.claim(body.code(), Optional.ofNullable(body.claimKey()))).build();
    }
}
