package app.asynchealth.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.AssessmentRepresentations.AssessmentChanges;
import app.asynchealth.assessment.AssessmentRepresentations.AssessmentView;
import app.asynchealth.assessment.AssessmentRepresentations.NewAssessment;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.tenant.TenantRepository;

@ApplicationScoped
@Transactional
public class AssessmentService {

    static final String LIST = "assessments";

    private final AssessmentRepository assessments;
    private final AssessmentAccess access;
    private final TeamAccess teams;
    private final TemplateService templates;
    private final TenantRepository tenants;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;
    private final Event<AssessmentClosed> closed;

    AssessmentService(AssessmentRepository assessments, AssessmentAccess access, TeamAccess teams,
            TemplateService templates, TenantRepository tenants, Caller caller, Pagination pagination, Clock clock,
            Event<AssessmentClosed> closed) {
        this.closed = closed;
        this.assessments = assessments;
        this.access = access;
        this.teams = teams;
        this.templates = templates;
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
    }

    public Versioned<AssessmentView> create(NewAssessment request) {
        try {
            teams.manageable(request.teamId());
        } catch (ProblemException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw ProblemException.invalid("teamId", "no such team");
            }
            throw e;
        }
        TemplateDefinition template = templates.resolve(request.template(), "template");
        Assessment assessment = new Assessment();
        assessment.teamId = request.teamId();
        assessment.title = request.title().strip();
        assessment.templateKey = template.key();
        assessment.templateVersion = template.version();
        assessment.anonymityThreshold = threshold(request.anonymityThreshold());
        schedule(assessment, request.opensAt(), request.closesAt());
        if (request.previousAssessmentId() != null) {
            Assessment previous = assessments.findByIdOptional(request.previousAssessmentId())
                    .filter(earlier -> earlier.teamId.equals(request.teamId()))
                    .orElseThrow(() -> ProblemException.invalid("previousAssessmentId", "no assessment of this team"));
            assessment.previousAssessmentId = previous.id;
            assessment.round = previous.round + 1;
        }
        assessments.persistAndFlush(assessment);
        return new Versioned<>(AssessmentView.of(assessment, 0, 0), assessment.version);
    }

    public Page<AssessmentView> list(PageRequest request, UUID teamId, AssessmentStatus status) {
        String subject = access.seesAllTeams() ? null : caller.subject();
        return pagination.page(LIST, request, assessments.page(request, teamId, status, subject),
                assessment -> assessment.id.toString(), this::view);
    }

    public Versioned<AssessmentView> get(UUID id) {
        Assessment assessment = access.readable(id);
        return new Versioned<>(view(assessment), assessment.version);
    }

    public Versioned<AssessmentView> update(UUID id, AssessmentChanges changes, String ifMatch) {
        Assessment assessment = access.manageable(id);
        EntityTags.requireMatch(ifMatch, assessment.version);
        boolean schedulingChange = changes.opensAt() != null || changes.closesAt() != null
                || changes.anonymityThreshold() != null;
        if (schedulingChange && assessment.status != AssessmentStatus.DRAFT) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Only a draft's schedule and threshold can change; this assessment is " + name(assessment.status) + ".");
        }
        if (changes.title() != null) {
            assessment.title = changes.title().strip();
        }
        if (changes.anonymityThreshold() != null) {
            assessment.anonymityThreshold = threshold(changes.anonymityThreshold());
        }
        if (changes.opensAt() != null || changes.closesAt() != null) {
            schedule(assessment, changes.opensAt() != null ? changes.opensAt() : assessment.opensAt,
                    changes.closesAt() != null ? changes.closesAt() : assessment.closesAt);
        }
        assessments.flush();
        return new Versioned<>(view(assessment), assessment.version);
    }

    public void delete(UUID id, String ifMatch) {
        Assessment assessment = access.manageable(id);
        EntityTags.requireMatch(ifMatch, assessment.version);
        if (assessment.status != AssessmentStatus.DRAFT) {
            throw new ProblemException(ProblemType.CONFLICT, "Only a draft can be deleted; this assessment is "
                    + name(assessment.status) + ".");
        }
        assessments.delete(assessment);
        assessments.flush();
    }

    public Versioned<AssessmentView> open(UUID id) {
        Assessment assessment = access.manageableForUpdate(id);
        Instant now = clock.instant();
        if (assessment.status == AssessmentStatus.OPEN) {
            return new Versioned<>(view(assessment), assessment.version); // already open: opening again changes nothing
        }
        if (assessment.status != AssessmentStatus.DRAFT) {
            throw new ProblemException(ProblemType.CONFLICT, "Only a draft can be opened; this assessment is "
                    + name(assessment.status) + ".");
        }
        if (!now.isBefore(assessment.closesAt)) {
            throw new ProblemException(ProblemType.CONFLICT, "Its closing time has passed; move closesAt first.");
        }
        assessment.open(now);
        assessments.flush();
        return new Versioned<>(view(assessment), assessment.version);
    }

    public Versioned<AssessmentView> close(UUID id) {
        Assessment assessment = access.manageableForUpdate(id);
        if (assessment.status == AssessmentStatus.CLOSED) {
            return new Versioned<>(view(assessment), assessment.version); // already closed: closing again changes nothing
        }
        if (assessment.status != AssessmentStatus.OPEN) {
            throw new ProblemException(ProblemType.CONFLICT, "Only an open assessment can be closed; this one is "
                    + name(assessment.status) + ".");
        }
        assessments.awaitAnswersInFlight(id); // answers either commit before the close, and count, or are refused
        assessment.close(clock.instant());
        assessments.flush();
        closed.fire(AssessmentClosed.of(assessment));
        return new Versioned<>(view(assessment), assessment.version);
    }

    private AssessmentView view(Assessment assessment) {
        return AssessmentView.of(assessment, assessments.seatCount(assessment.id),
                assessments.submittedCount(assessment.id));
    }

    private int threshold(Integer requested) {
        int floor = caller.tenantId().flatMap(tenants::findByIdOptional)
                .map(tenant -> tenant.anonymityThreshold).orElseThrow(() -> ProblemException.notFound("Tenant"));
        if (requested == null) {
            return floor;
        }
        if (requested < floor) {
            throw ProblemException.invalid("anonymityThreshold",
                    "may raise your tenant's threshold of " + floor + ", never lower it");
        }
        return requested;
    }

    private void schedule(Assessment assessment, Instant opensAt, Instant closesAt) {
        if (!closesAt.isAfter(opensAt)) {
            throw ProblemException.invalid("closesAt", "must be after opensAt");
        }
        if (!closesAt.isAfter(clock.instant())) {
            throw ProblemException.invalid("closesAt", "must be in the future");
        }
        assessment.opensAt = opensAt;
        assessment.closesAt = closesAt;
    }

    private static String name(AssessmentStatus status) {
        return status.name().toLowerCase();
    }
}
