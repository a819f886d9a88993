package app.asynchealth.schedule;

import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.AssessmentRounds;
import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;
import app.asynchealth.assessment.invitation.InvitationMails;
import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.schedule.ScheduleRepresentations.ScheduleRequest;
import app.asynchealth.schedule.ScheduleRepresentations.ScheduleView;
import app.asynchealth.team.TeamAccess;

/**
 * A team's schedule, set, read and removed by those who manage the team's assessments: its lead and tenant admins. A
 * change applies to rounds not created yet: the next round is planned from now (and never before the latest round
 * closed); rounds already created keep their window, reminders and template.
 */
@ApplicationScoped
@Transactional
public class ScheduleService {

    /** What a write did: the schedule, and whether the team had none before. */
    public record Written(Versioned<ScheduleView> schedule, boolean created) {
    }

    private final ScheduleRepository schedules;
    private final TeamAccess teams;
    private final AssessmentRounds rounds;
    private final InvitationMails mails;
    private final Clock clock;

    ScheduleService(ScheduleRepository schedules, TeamAccess teams, AssessmentRounds rounds, InvitationMails mails,
            Clock clock) {
        this.schedules = schedules;
        this.teams = teams;
        this.rounds = rounds;
        this.mails = mails;
        this.clock = clock;
    }

    public Versioned<ScheduleView> get(UUID teamId) {
        teams.manageable(teamId);
        TeamSchedule schedule = schedules.ofTeam(teamId).orElseThrow(() -> ProblemException.notFound("Schedule"));
        return new Versioned<>(ScheduleView.of(schedule), schedule.version);
    }

    public Written put(UUID teamId, ScheduleRequest request, String ifMatch) {
        teams.manageable(teamId);
        List<FieldError> errors = new ArrayList<>(ScheduleRules.violations(request));
        TemplateRef template = null;
        try {
            template = rounds.template(request.template(), "template");
        } catch (ProblemException e) {
            errors.addAll(e.errors() == null ? List.of(new FieldError("template", e.getMessage())) : e.errors());
        }
        if (!mails.enabled()) {
            errors.add(new FieldError("delivery", "e-mail delivery is not configured on this installation"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request is not valid.", errors);
        }
        TeamSchedule schedule = schedules.ofTeamForUpdate(teamId).orElse(null);
        boolean created = schedule == null;
        if (created) {
            schedule = new TeamSchedule();
            schedule.teamId = teamId;
        } else {
            EntityTags.requireMatch(ifMatch, schedule.version);
        }
        schedule.title = request.title() == null ? null : request.title().strip();
        schedule.cadence = request.cadence();
        schedule.intervalWeeks = request.intervalWeeks();
        schedule.startsOn = request.startsOn();
        schedule.timeOfDay = LocalTime.parse(request.timeOfDay());
        schedule.timeZone = request.timeZone();
        schedule.answerWindow = request.answerWindow();
        schedule.templateKey = template.key();
        schedule.templateVersion = template.version();
        schedule.delivery = ScheduleDelivery.EMAIL;
        schedule.reminderOffsets = request.reminders() == null ? List.of() : List.copyOf(request.reminders());
        schedule.paused = Boolean.TRUE.equals(request.paused());
        schedule.planNext(clock.instant());
        if (created) {
            schedules.persist(schedule);
        }
        schedules.flush();
        return new Written(new Versioned<>(ScheduleView.of(schedule), schedule.version), created);
    }

    public void delete(UUID teamId, String ifMatch) {
        teams.manageable(teamId);
        TeamSchedule schedule = schedules.ofTeamForUpdate(teamId)
                .orElseThrow(() -> ProblemException.notFound("Schedule"));
        EntityTags.requireMatch(ifMatch, schedule.version);
        schedules.delete(schedule);
        schedules.flush();
    }
}
