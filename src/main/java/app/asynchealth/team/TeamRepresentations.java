package app.asynchealth.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the team API reads and writes; entities never cross the REST boundary. */
public final class TeamRepresentations {

    private static final String NOT_BLANK = ".*\\S.*";

    private TeamRepresentations() {
    }

    @Schema(name = "Team")
    public record TeamView(@Schema(required = true) UUID id, @Schema(required = true) String name, String description,
            @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt) {

        static TeamView of(Team team) {
            return new TeamView(team.id, team.name, team.description, team.createdAt, team.updatedAt);
        }
    }

    @Schema(name = "NewTeam")
    public record NewTeam(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description) {
    }

    @Schema(name = "TeamChanges", description = "The properties to change; absent properties stay as they are")
    public record TeamChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
            @Size(max = 2000) String description) {
    }

    @Schema(name = "TeamPage")
    public record TeamPage(@Schema(required = true) List<TeamView> items, String nextCursor) {
    }

    @Schema(name = "TeamMember")
    public record MemberView(
            @Schema(required = true) UUID id,
            @Schema(required = true) UUID teamId,
            @Schema(description = "The member's id in the customer's HR system") String externalId,
            String email,
            @Schema(description = "The subject of the member's Keycloak account, when linked") String subject,
            String displayName,
            @Schema(required = true) TeamRole role,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {

        static MemberView of(TeamMember member) {
            return new MemberView(member.id, member.teamId, member.externalId, member.email, member.subject,
                    member.displayName, member.role, member.createdAt, member.updatedAt);
        }
    }

    @Schema(name = "NewTeamMember", description = "A member needs an externalId, an email, or both")
    public record NewMember(
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String externalId,
            @Email @Size(max = 320) String email,
            @Size(min = 1, max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String subject,
            @Size(max = 200) String displayName,
            @Schema(description = "Defaults to member") TeamRole role) {
    }

    @Schema(name = "TeamMemberChanges", description = "The properties to change; absent properties stay as they are")
    public record MemberChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String externalId,
            @Email @Size(max = 320) String email,
            @Size(min = 1, max = 255) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String subject,
            @Size(max = 200) String displayName,
            TeamRole role) {
    }

    @Schema(name = "TeamMemberPage")
    public record MemberPage(@Schema(required = true) List<MemberView> items, String nextCursor) {
    }
}
