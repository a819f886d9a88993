package app.asynchealth.charter;

import java.time.DayOfWeek;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a team has agreed about how it communicates: structured, so that it can be checked for coverage of the report's
 * norms and set beside what members perceive; free text only where a norm is prose by nature. One value of this type is
 * one version of a charter; a change is a new version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CharterContent", description = "A team's communication charter: channels and response times, after-hours and quiet hours, meetings, focus time, where decisions and documentation live. Every section is optional; coverage says which norms are missing.")
public record CharterContent(
        @Schema(description = "A short statement of the charter's intent") @Size(max = 2000) String summary,
        @Schema(description = "The channels the team uses, each with what it is for and how fast it is answered") @Size(max = 20) List<@Valid @NotNull Channel> channels,
        @Valid AfterHours afterHours,
        @Valid MeetingPolicy meetings,
        @Valid FocusPolicy focus,
        @Valid KnowledgeLocations knowledge) {

    static final String KEY = "^[a-z0-9][a-z0-9-]{0,39}$";
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String DURATION = "^PT(?=\\d)(\\d+H)?(\\d+M)?$";
    private static final String NOT_BLANK = ".*\\S.*";

    @Schema(name = "CharterUrgency", description = "How urgent a message is")
    public enum Urgency {
        @JsonProperty("urgent")
        URGENT,
        @JsonProperty("normal")
        NORMAL,
        @JsonProperty("low")
        LOW
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterChannel", description = "A channel (chat, email, documents, video calls, ...) and what it is for")
    public record Channel(
            @Schema(description = "Identifies the channel within the charter: lower case letters, digits and dashes", example = "chat") @NotNull @Pattern(regexp = KEY) String key,
            @Schema(description = "What the team calls it", example = "Slack #payments") @NotBlank @Size(max = 200) String name,
            @Schema(description = "What the channel is for, and what it is not for") @NotBlank @Size(max = 2000) String purpose,
            @Schema(description = "How fast a message on this channel is answered, per urgency") @Size(max = 3) List<@Valid @NotNull ResponseExpectation> responseExpectations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterResponseExpectation", description = "The longest a message of this urgency waits for an answer on this channel, counted in working hours unless stated otherwise")
    public record ResponseExpectation(
            @NotNull Urgency urgency,
            @Schema(description = "ISO-8601 duration in hours and minutes, at least 1 minute and at most 120 hours", example = "PT4H") @NotNull @Pattern(regexp = DURATION) String within,
            @Schema(description = "true (the default): the time counts working hours only") Boolean workingHoursOnly) {
    }

    @Schema(name = "CharterAfterHoursReplies", description = "not-expected: nobody answers outside working hours; urgent-only: only messages flagged urgent; on-call-only: only whoever is on call")
    public enum AfterHoursReplies {
        /** Nobody is expected to answer outside working hours. */
        @JsonProperty("not-expected")
        NOT_EXPECTED,
        /** Only messages flagged urgent, through the urgent channel. */
        @JsonProperty("urgent-only")
        URGENT_ONLY,
        /** Only whoever is on call. */
        @JsonProperty("on-call-only")
        ON_CALL_ONLY
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterAfterHours", description = "Working hours, quiet hours and what is expected outside working hours, in the team's time zones")
    public record AfterHours(
            @Schema(description = "The IANA time zones the team works in", example = "[\"Europe/Berlin\", \"America/New_York\"]") @NotEmpty @Size(max = 12) List<@NotNull @Size(max = 64) String> timeZones,
            @Valid TimeWindow workingHours,
            @Schema(description = "Hours in which nobody sends non-urgent messages (scheduled sending instead), in each member's own time zone") @Valid TimeWindow quietHours,
            @Schema(description = "Who is expected to answer outside working hours") @NotNull AfterHoursReplies replies,
            @Schema(description = "Anything else the team agreed about after hours") @Size(max = 2000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String policy) {
    }

    @Schema(name = "CharterTimeWindow", description = "A daily time window, local time; it may run past midnight (start after end)")
    public record TimeWindow(
            @Schema(example = "09:00") @NotNull @Pattern(regexp = TIME) String start,
            @Schema(example = "17:30") @NotNull @Pattern(regexp = TIME) String end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterMeetingPolicy", description = "When the team meets, and when it does not")
    public record MeetingPolicy(
            @Schema(description = "When a meeting is justified (decisions that need discussion, conflict, ...)") @Size(max = 12) List<@NotBlank @Size(max = 300) String> justifiedWhen,
            @Schema(description = "A meeting without a written agenda is declined") Boolean agendaRequired,
            @Schema(description = "Status updates are written, not met about") Boolean statusUpdatesAsync,
            @Schema(description = "Recurring blocks without meetings") @Size(max = 14) List<@Valid @NotNull WeeklyBlock> meetingFreeBlocks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterFocusPolicy", description = "How focus time is protected")
    public record FocusPolicy(
            @Schema(description = "Hours of uninterrupted focus each member is protected for in a typical week", example = "12") @DecimalMin("0.5") @DecimalMax("60") Double protectedHoursPerWeek,
            @Schema(description = "Recurring focus blocks") @Size(max = 14) List<@Valid @NotNull WeeklyBlock> blocks,
            @Schema(description = "How focus time is protected (status, notifications, ...)") @Size(max = 2000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String policy) {
    }

    @Schema(name = "CharterWeeklyBlock", description = "A block on some days of the week, local time")
    public record WeeklyBlock(
            @NotEmpty @Size(max = 7) List<@NotNull DayOfWeek> days,
            @Schema(example = "09:00") @NotNull @Pattern(regexp = TIME) String start,
            @Schema(example = "12:00") @NotNull @Pattern(regexp = TIME) String end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CharterKnowledgeLocations", description = "Where the team's decisions and documentation live")
    public record KnowledgeLocations(
            @Schema(description = "Where decisions are recorded", example = "Decision log in Confluence, space PAY") @Size(max = 500) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String decisions,
            @Schema(description = "Where documentation lives") @Size(max = 500) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String documentation) {
    }
}
