package app.asynchealth.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many took part: seats and submissions, counts only. Nothing here tells who answered, or what. */
public final class ParticipationRepresentations {

    private ParticipationRepresentations() {
    }

    @Schema(name = "RoundParticipation", description = "One round's participation: counts of seats and submissions")
    public record RoundParticipation(
            @Schema(required = true) UUID assessmentId,
            @Schema(required = true) String title,
            @Schema(description = "The round's number in its team's chain of rounds") int round,
            @Schema(required = true, enumeration = { "draft", "open", "closed" }) String status,
            @Schema(required = true) Instant opensAt,
            @Schema(required = true) Instant closesAt,
            @Schema(description = "Members holding a seat: a pending invitation, or one claimed by code or by their own account") long invited,
            @Schema(description = "Seats claimed, by code or by the member's own account") long claimed,
            @Schema(description = "Seats still pending: invited, not yet claimed") long pending,
            @Schema(description = "Submitted responses") long submitted,
            @Schema(description = "submitted ÷ invited, 0 to 1, rounded to three decimals; absent while nobody is invited") Double rate) {

        static RoundParticipation of(Assessment assessment, Counts counts) {
            return new RoundParticipation(assessment.id, assessment.title, assessment.round,
                    assessment.status.name().toLowerCase(Locale.ROOT), assessment.opensAt,
                    assessment.closesAt, counts.invited(), counts.claimed(), counts.invited() - counts.claimed(),
                    counts.submitted(), rateOf(counts.submitted(), counts.invited()));
        }
    }

    @Schema(name = "ParticipationTotals", description = "Sums over the rounds listed")
    public record ParticipationTotals(int rounds, long invited, long claimed, long submitted,
            @Schema(description = "All submissions ÷ all seats of the rounds listed; absent while nobody is invited") Double rate) {
    }

    @Schema(name = "TeamParticipation", description = "A team's rounds that were opened (newest first) and their sums")
    public record TeamParticipation(@Schema(required = true) UUID teamId,
            @Schema(required = true) List<RoundParticipation> rounds,
            @Schema(required = true) ParticipationTotals overall) {

        static TeamParticipation of(UUID teamId, List<RoundParticipation> rounds) {
            long invited = rounds.stream().mapToLong(RoundParticipation::invited).sum();
            long claimed = rounds.stream().mapToLong(RoundParticipation::claimed).sum();
            long submitted = rounds.stream().mapToLong(RoundParticipation::submitted).sum();
            return new TeamParticipation(teamId, rounds,
                    new ParticipationTotals(rounds.size(), invited, claimed, submitted, rateOf(submitted, invited)));
        }
    }

    /** One round's counts, as the repository reads them. */
    record Counts(long invited, long claimed, long submitted) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    static Double rateOf(long submitted, long invited) {
        // Seats of answers given before seats were recorded (migration V9) are absent: the rate stays at most 1.
        return invited == 0 ? null : Math.min(1.0, Math.round(1000.0 * submitted / invited) / 1000.0);
    }
}
