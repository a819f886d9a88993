package app.asynchealth.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;

public final class AssessmentRepresentations {

    private AssessmentRepresentations() {
    }

    @Schema(name = "Assessment")
    public record AssessmentView(
            @Schema(required = true) UUID id,
            @Schema(required = true) UUID teamId,
            @Schema(required = true) String title,
            @Schema(required = true) TemplateRef template,
            @Schema(required = true) AssessmentStatus status,
            @Schema(required = true) Instant opensAt,
            @Schema(required = true) Instant closesAt,
            @Schema(description = "No aggregate of this assessment is shown from fewer submitted responses") int anonymityThreshold,
            @Schema(description = "1 for a first assessment, previous round + 1 for a next round") int round,
            UUID previousAssessmentId,
            Instant openedAt,
            Instant closedAt,
            @Schema(description = "Members holding an active invitation") long invitedCount,
            @Schema(description = "Submitted responses, by invitation or by the members' own accounts") long submittedCount,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {

        static AssessmentView of(Assessment a, long invited, long submitted) {
            return new AssessmentView(a.id, a.teamId, a.title, new TemplateRef(a.templateKey, a.templateVersion), a.status,
                    a.opensAt, a.closesAt, a.anonymityThreshold, a.round, a.previousAssessmentId, a.openedAt, a.closedAt,
                    invited, submitted, a.createdAt, a.updatedAt);
        }
    }

    @Schema(name = "NewAssessment")
    public record NewAssessment(
            @NotNull UUID teamId,
            @NotBlank @Size(max = 200) String title,
            @Schema(description = "Defaults to the latest built-in async-health template") @Valid TemplateRef template,
            @Schema(description = "When the assessment opens by itself, if not opened before") @NotNull Instant opensAt,
            @NotNull Instant closesAt,
            @Schema(description = "Defaults to the tenant's; may be raised, never lowered", minimum = "3", maximum = "10") @Min(3) @Max(10) Integer anonymityThreshold,
            @Schema(description = "The earlier assessment of the same team this one is the next round of") UUID previousAssessmentId) {
    }

    @Schema(name = "AssessmentChanges", description = "Changes to a draft; absent properties stay as they are")
    public record AssessmentChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            Instant opensAt,
            Instant closesAt,
            @Schema(minimum = "3", maximum = "10") @Min(3) @Max(10) Integer anonymityThreshold) {
    }

    @Schema(name = "AssessmentPage")
    public record AssessmentPage(@Schema(required = true) List<AssessmentView> items, String nextCursor) {
    }
}
