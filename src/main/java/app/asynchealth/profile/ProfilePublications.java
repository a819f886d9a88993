package app.asynchealth.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.profile.PublicationRepresentations.ProfilePublicationView;
import app.asynchealth.team.TeamAccess;

/**
 * Publishing a closed round's profile to its team. The lead or a tenant admin publishes and unpublishes; while it is
 * published, the team's members read it (see {@link ProfileService}) with exactly the suppression everyone else gets.
 */
@ApplicationScoped
@Transactional
public class ProfilePublications {

    static final int MAX_LISTED = 100;

    /** The publication, and whether this call made it (a repeat after a lost reply finds it made). */
    public record Published(ProfilePublicationView view, boolean created) {
    }

    private final AssessmentAccess access;
    private final TeamAccess teams;
    private final ProfilePublicationRepository publications;
    private final Caller caller;
    private final Event<ProfilePublished> published;

    ProfilePublications(AssessmentAccess access, TeamAccess teams,
            ProfilePublicationRepository publications, Caller caller, Event<ProfilePublished> published) {
        this.access = access;
        this.teams = teams;
        this.publications = publications;
        this.caller = caller;
        this.published = published;
    }

    public Published publish(UUID assessmentId) {
        // The round's row lock makes concurrent publications of one round take turns: one writes, the others find it.
        Assessment assessment = access.manageableForUpdate(assessmentId);
        if (assessment.status != AssessmentStatus.CLOSED) {
            throw new ProblemException(ProblemType.CONFLICT, "Only a closed round's profile can be published; this"
                    + " round is " + assessment.status.name().toLowerCase(Locale.ROOT) + ".");
        }
        Optional<ProfilePublication> existing = publications.of(assessmentId);
        if (existing.isPresent()) {
            return new Published(ProfilePublicationView.of(existing.get(), assessment), false);
        }
        ProfilePublication publication = new ProfilePublication();
        publication.assessmentId = assessmentId;
        publication.publishedBy = caller.subject();
        publications.persist(publication);
        publications.flush();
        published.fire(new ProfilePublished(publication.id, assessment.id, assessment.teamId, assessment.round,
                publication.createdAt));
        return new Published(ProfilePublicationView.of(publication, assessment), true);
    }

    /** Hides the profile from the members again; nothing to hide is not an error (a repeat after a lost reply). */
    public void unpublish(UUID assessmentId) {
        access.manageableForUpdate(assessmentId);
        publications.of(assessmentId).ifPresent(publications::delete);
    }

    /** Whether and since when the round's profile is published, for those who manage the team or see every team. */
    public ProfilePublicationView publication(UUID assessmentId) {
        Assessment assessment = access.readable(assessmentId);
        if (!teams.seesAllTeams()) {
            teams.manageable(assessment.teamId);
        }
        return publications.of(assessmentId).map(publication -> ProfilePublicationView.of(publication, assessment))
                .orElseThrow(() -> ProblemException.notFound("Publication"));
    }

    /** Whether a member of the round's team may read its profile. */
    boolean published(UUID assessmentId) {
        return publications.of(assessmentId).isPresent();
    }

    /** The published profiles of the caller's own teams (by membership, whatever their role). */
    public List<ProfilePublicationView> mine() {
        return publications.forMember(caller.subject(), MAX_LISTED).stream()
                .map(found -> ProfilePublicationView.of(found.publication(), found.assessment())).toList();
    }
}
