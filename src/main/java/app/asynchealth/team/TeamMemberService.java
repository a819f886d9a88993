package app.asynchealth.team;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamRepresentations.MemberChanges;
import app.asynchealth.team.TeamRepresentations.MemberView;
import app.asynchealth.team.TeamRepresentations.NewMember;

@ApplicationScoped
@Transactional
public class TeamMemberService {

    static final String LIST = "team-members";

    private final TeamMemberRepository members;
    private final TeamAccess access;
    private final Pagination pagination;

    TeamMemberService(TeamMemberRepository members, TeamAccess access, Pagination pagination) {
        this.members = members;
        this.access = access;
        this.pagination = pagination;
    }

    public Versioned<MemberView> add(UUID teamId, NewMember request) {
        access.manageable(teamId);
        TeamMember member = new TeamMember();
        member.teamId = teamId;
        member.externalId = trimmed(request.externalId());
        member.email = trimmed(request.email());
        member.subject = trimmed(request.subject());
        member.displayName = trimmed(request.displayName());
        member.role = request.role() == null ? TeamRole.MEMBER : request.role();
        requireIdentifiedAndUnique(teamId, null, member.externalId, member.email, member.subject);
        members.persistAndFlush(member);
        return new Versioned<>(MemberView.of(member), member.version);
    }

    public Page<MemberView> list(UUID teamId, PageRequest request) {
        access.manageable(teamId);
        return pagination.page(LIST + ":" + teamId, request, members.page(teamId, request),
                member -> member.id.toString(), MemberView::of);
    }

    public Versioned<MemberView> get(UUID teamId, UUID memberId) {
        TeamMember member = find(teamId, memberId);
        return new Versioned<>(MemberView.of(member), member.version);
    }

    public Versioned<MemberView> update(UUID teamId, UUID memberId, MemberChanges changes, String ifMatch) {
        TeamMember member = find(teamId, memberId);
        EntityTags.requireMatch(ifMatch, member.version);
        String externalId = changes.externalId() != null ? trimmed(changes.externalId()) : member.externalId;
        String email = changes.email() != null ? trimmed(changes.email()) : member.email;
        String subject = changes.subject() != null ? trimmed(changes.subject()) : member.subject;
        // Checked before the managed member changes: the check's queries would otherwise flush the change first, and
        // a duplicate would fail in the database, whose error message (logged by Hibernate) names the values.
        requireIdentifiedAndUnique(teamId, memberId, externalId, email, subject);
        member.externalId = externalId;
        member.email = email;
        member.subject = subject;
        if (changes.displayName() != null) {
            member.displayName = trimmed(changes.displayName());
        }
        if (changes.role() != null) {
            member.role = changes.role();
        }
        members.flush();
        return new Versioned<>(MemberView.of(member), member.version);
    }

    public void remove(UUID teamId, UUID memberId, String ifMatch) {
        TeamMember member = find(teamId, memberId);
        EntityTags.requireMatch(ifMatch, member.version);
        members.delete(member);
        members.flush();
    }

    private TeamMember find(UUID teamId, UUID memberId) {
        access.manageable(teamId);
        return members.inTeam(teamId, memberId).orElseThrow(() -> ProblemException.notFound("Team member"));
    }

    private void requireIdentifiedAndUnique(UUID teamId, UUID memberId, String externalId, String email, String subject) {
        if (externalId == null && email == null) {
            throw ProblemException.invalid("externalId", "a member needs an externalId, an email, or both");
        }
        members.duplicateField(teamId, memberId, externalId, email, subject)
                .ifPresent(field -> {
                    throw new ProblemException(ProblemType.CONFLICT,
                            "This team already has a member with that " + field + ".");
                });
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
