package app.asynchealth.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.response.ResponseRepresentations.MyAssessments;

/** Members with an account find what they have to answer themselves: nobody hands them a token. */
@Path("/api/v1/me/assessments")
@Tag(name = "Answering")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.MEMBER, Roles.TEAM_LEAD, Roles.TENANT_ADMIN, Roles.HR_ANALYST })
public class MyAssessmentsResource {

    private final MyAssessmentsService mine;

    MyAssessmentsResource(MyAssessmentsService mine) {
        this.mine = mine;
    }

    @GET
    @Operation(summary = "The open assessments of your teams, and whether you have answered each",
            description = "Matched on your token's subject. Answer one with PUT /api/v1/assessments/{id}/response and your own token.")
    public MyAssessments list() {
        return mine.list();
    }
}
