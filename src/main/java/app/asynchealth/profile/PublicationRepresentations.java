package app.asynchealth.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.asynchealth.assessment.Assessment;

public final class PublicationRepresentations {

    private PublicationRepresentations() {
    }

    @Schema(name = "ProfilePublication", description = "A closed round's profile, published to its team's members")
    public record ProfilePublicationView(
            @Schema(required = true) UUID assessmentId,
            @Schema(required = true) UUID teamId,
            int round,
            @Schema(required = true) String title,
            @Schema(required = true) Instant closedAt,
            @Schema(required = true) Instant publishedAt,
            @Schema(required = true, description = "Where the team's members read it (JSON, or an SVG chart or a printable page by Accept)") String profile) {

        static ProfilePublicationView of(ProfilePublication publication, Assessment assessment) {
            return new ProfilePublicationView(assessment.id, assessment.teamId, assessment.round, assessment.title,
                    assessment.closedAt, publication.createdAt, "/api/v1/assessments/" + assessment.id + "/profile");
        }
    }

    @Schema(name = "ProfilePublicationList", description = "The published profiles of your teams, newest first")
    public record ProfilePublicationList(@Schema(required = true) List<ProfilePublicationView> items) {
    }
}
