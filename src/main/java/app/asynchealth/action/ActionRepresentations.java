package app.asynchealth.action;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.charter.CharterSection;
import app.asynchealth.scoring.FigureStatus;

/** What the team actions API reads and writes; entities never cross the REST boundary. */
public final class ActionRepresentations {

    private static final String NOT_BLANK = ".*\\S.*";
    private static final String KEY = "^[a-z0-9][a-z0-9-]{0,79}$";

    private ActionRepresentations() {
    }

    @Schema(name = "NewTeamAction", description = "Adopts an action, usually one of the recommendations of a closed round's profile. With recommendationKey, title and metric default to the recommendation's.")
    public record NewAction(
            @Schema(description = "A recommendation the baseline round's profile lists") @Pattern(regexp = KEY) String recommendationKey,
            @Schema(description = "Required without recommendationKey") @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
            @Size(max = 2000) String description,
            @Schema(description = "The metric key (of the baseline round's scoring model) the action aims to move; required without recommendationKey") @Pattern(regexp = KEY) String metric,
            @Schema(description = "The team member who owns it") @NotNull UUID ownerMemberId,
            @Schema(description = "Today (UTC) or later") @NotNull LocalDate dueDate,
            @Schema(description = "The closed round of this team whose profile motivated it; its figure of the metric is the baseline") @NotNull UUID baselineAssessmentId,
            @Schema(description = "When the action changes the team's communication charter: the section it changes") CharterSection charterSection) {
    }

    @Schema(name = "TeamActionChanges", description = "The properties to change; absent properties stay as they are")
    public record ActionChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
            @Size(max = 2000) String description,
            ActionStatus status,
            UUID ownerMemberId,
            @Schema(description = "Today (UTC) or later; a new due date is announced again (action.due) when it comes") LocalDate dueDate) {
    }

    /** improved or worsened: the whole 95% interval of the change lies on that side of 0; within-noise: it contains 0. */
    @Schema(name = "EffectVerdict", description = "improved / worsened: the whole 95% interval of the change lies on the healthier / the other side of 0 (by the metric's healthier direction); within-noise: the interval contains 0, so the change cannot be told from chance")
    public enum EffectVerdict {
        @JsonProperty("improved")
        IMPROVED,
        @JsonProperty("worsened")
        WORSENED,
        @JsonProperty("within-noise")
        WITHIN_NOISE
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ActionRoundFigure", description = "The action's metric in one closed round. Suppressed when the round's profile is, or fewer than the round's anonymity threshold answered the metric's question: then only counts. Figures are shown to those who may read the round's profile (team leads, tenant admins, HR analysts).")
    public record RoundFigure(@Schema(required = true) UUID assessmentId, @Schema(required = true) String title, int round, @Schema(required = true) Instant closedAt,
            @Schema(description = "Absent where the reader may not see the round's figures (members)") FigureStatus status,
            @Schema(description = "Submitted responses of the round") Long respondents,
            @Schema(description = "Respondents who answered the metric's question (of them, for a share of a part of the answers)") Integer answered,
            @Schema(description = "The metric's value, as the round's profile computes it (percent for shares)") Double value,
            @Schema(description = "Lower bound of the value's 95% interval") Double lower,
            @Schema(description = "Upper bound of the value's 95% interval") Double upper) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ActionEffect", description = "The action's metric in the round that measures it (the team's first closed round of the same template that closed after the action was adopted and after its baseline), and the change since the baseline. The change is shown only when both rounds' figures are published.")
    public record EffectView(@Schema(required = true) UUID assessmentId, @Schema(required = true) String title, int round, @Schema(required = true) Instant closedAt,
            @Schema(description = "Absent where the reader may not see the round's figures (members)") FigureStatus status,
            Long respondents, Integer answered, Double value, Double lower, Double upper,
            @Schema(description = "value − baseline value (percentage points for shares)") Double change,
            @Schema(description = "Lower bound of the change's 95% interval") Double changeLower,
            @Schema(description = "Upper bound of the change's 95% interval") Double changeUpper,
            EffectVerdict verdict,
            @Schema(description = "newcombe (shares: Newcombe's hybrid score interval), welch (means: Welch's t interval), or mover (means where a round's answers show no spread, or a figure a live snapshot published: the two rounds' own intervals combined)") String method,
            @Schema(description = "Why no change is shown, when none is") String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TeamAction")
    public record ActionView(@Schema(required = true) UUID id, @Schema(required = true) UUID teamId, String recommendationKey, @Schema(required = true) String title, String description,
            @Schema(required = true) String metric,
            @Schema(description = "The metric's label in the scoring model") String metricLabel,
            @Schema(description = "higher or lower: which way is healthier") String healthier,
            UUID ownerMemberId, @Schema(required = true) LocalDate dueDate, @Schema(required = true) ActionStatus status, CharterSection charterSection,
            @Schema(required = true) RoundFigure baseline,
            @Schema(description = "Absent until the team has a closed round of the same template that closed after the action was adopted") EffectView effect,
            @Schema(description = "When the action.due webhook was recorded for the current due date") Instant dueNotifiedAt,
            @Schema(required = true) Instant createdAt, @Schema(required = true) Instant updatedAt) {
    }

    @Schema(name = "TeamActionPage")
    public record ActionPage(@Schema(required = true) List<ActionView> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ActionRow", description = "A team action as HR sees it: no answer and no respondent, only the published change of the metric, if any")
    public record ActionRow(@Schema(required = true) UUID teamId, @Schema(required = true) String teamName, @Schema(required = true) UUID actionId, @Schema(required = true) String title, @Schema(required = true) String metric,
            @Schema(required = true) ActionStatus status, @Schema(required = true) LocalDate dueDate, @Schema(required = true) Instant adoptedAt, @Schema(required = true) Instant updatedAt,
            @Schema(description = "The round that measured the action, when there is one") UUID measuredIn,
            @Schema(description = "The change since the baseline, when both rounds' figures are published") Double change,
            Double changeLower, Double changeUpper, EffectVerdict verdict) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ActionRowPage")
    public record ActionRowPage(@Schema(required = true) List<ActionRow> items,
            @Schema(description = "Opaque cursor for the next page; absent on the last page") String nextCursor) {
    }
}
