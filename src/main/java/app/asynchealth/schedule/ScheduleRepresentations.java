package app.asynchealth.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;

public final class ScheduleRepresentations {

    static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private ScheduleRepresentations() {
    }

    @Schema(name = "ScheduleRequest", description = "A team's rhythm of rounds, replacing any it had. A change applies to rounds not created yet.")
    public record ScheduleRequest(
            @Schema(required = true, description = "weekly: every intervalWeeks weeks, on the weekday of startsOn; monthly: on the day of month of startsOn (the last day of shorter months)") @NotNull Cadence cadence,
            @Schema(description = "With weekly only: every how many weeks", minimum = "1", maximum = "52") @Min(1) @Max(52) Integer intervalWeeks,
            @Schema(required = true, description = "The date of the first round, in timeZone; rounds before now are not created") @NotNull LocalDate startsOn,
            @Schema(required = true, description = "When a round opens, HH:mm in timeZone", pattern = TIME_OF_DAY, example = "09:00") @NotNull @Pattern(regexp = TIME_OF_DAY, message = "must be HH:mm, 00:00 to 23:59") String timeOfDay,
            @Schema(required = true, description = "The IANA time zone the team's rounds follow (daylight saving included)", example = "Europe/Berlin", maxLength = 64) @NotNull @Size(max = 64) String timeZone,
            @Schema(required = true, description = "How long members may answer, an ISO-8601 duration from PT1H up to the time between two rounds (P28D for monthly); whole days keep the local time of day", example = "P5D", maxLength = 32) @NotNull @Size(max = 32) String answerWindow,
            @Schema(description = "The template of the rounds; defaults to the latest built-in async-health template") @Valid TemplateRef template,
            @Schema(description = "How invitations and reminders reach the members: email (the default and only choice)") ScheduleDelivery delivery,
            @Schema(description = "When to remind the members who have not claimed their seat yet: ISO-8601 durations before the round closes, each shorter than answerWindow", example = "[\"P2D\", \"PT4H\"]") @Size(max = 5) List<@NotNull @Size(max = 32) String> reminders,
            @Schema(description = "true: no round is created until it is false again") Boolean paused,
            @Schema(description = "The rounds' title, followed by their date; defaults to the team's name", maxLength = 120) @Size(min = 1, max = 120) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title) {
    }

    @Schema(name = "Schedule", description = "A team's rhythm: the service creates each round, opens it, invites every member by e-mail, reminds those who have not claimed their seat, and closes it at closesAt.")
    public record ScheduleView(
            @Schema(required = true) UUID teamId,
            @Schema(required = true) Cadence cadence,
            Integer intervalWeeks,
            @Schema(required = true) LocalDate startsOn,
            @Schema(required = true, pattern = TIME_OF_DAY) String timeOfDay,
            @Schema(required = true) String timeZone,
            @Schema(required = true) String answerWindow,
            @Schema(required = true) TemplateRef template,
            @Schema(required = true) ScheduleDelivery delivery,
            @Schema(required = true) List<String> reminders,
            @Schema(description = "No round is created while paused") boolean paused,
            String title,
            @Schema(description = "When the next round opens; absent while paused") Instant nextRoundAt,
            @Schema(description = "The schedule's latest round; the next one names it as previousAssessmentId") UUID lastAssessmentId,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {

        static ScheduleView of(TeamSchedule schedule) {
            return new ScheduleView(schedule.teamId, schedule.cadence, schedule.intervalWeeks, schedule.startsOn,
                    schedule.timeOfDay.toString(), schedule.timeZone, schedule.answerWindow,
                    new TemplateRef(schedule.templateKey, schedule.templateVersion), schedule.delivery,
                    List.copyOf(schedule.reminderOffsets), schedule.paused, schedule.title, schedule.nextRoundAt,
                    schedule.lastAssessmentId, schedule.createdAt, schedule.updatedAt);
        }
    }
}
