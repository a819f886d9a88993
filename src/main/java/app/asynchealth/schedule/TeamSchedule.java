package app.asynchealth.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** A team's rhythm of rounds. {@link #nextRoundAt} is the next occurrence to create; null while paused. */
@Entity
@Table(name = "team_schedule")
public class TeamSchedule extends TenantOwnedEntity {

    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Cadence cadence;

    @Column(name = "interval_weeks")
    public Integer intervalWeeks;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "time_of_day", nullable = false)
    public LocalTime timeOfDay;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "answer_window", nullable = false)
    public String answerWindow;

    @Column(name = "template_key", nullable = false)
    public String templateKey;

    @Column(name = "template_version", nullable = false)
    public int templateVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ScheduleDelivery delivery;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "reminder_offsets", nullable = false, columnDefinition = "text[]")
    public List<String> reminderOffsets;

    @Column(nullable = false)
    public boolean paused;

    @Column(name = "next_round_at")
    public Instant nextRoundAt;

    @Column(name = "last_assessment_id")
    public UUID lastAssessmentId;

    @Column(name = "last_round_closes_at")
    public Instant lastRoundClosesAt;

    Recurrence recurrence() {
        return new Recurrence(cadence, intervalWeeks == null ? 0 : intervalWeeks, startsOn, timeOfDay,
                ZoneId.of(timeZone), Duration.parse(answerWindow));
    }

    List<Duration> reminders() {
        return reminderOffsets.stream().map(Duration::parse).toList();
    }

    /**
     * The next round to create: the first occurrence at or after {@code from}, and never before the latest round has
     * closed (a change of the rhythm does not open a round beside one still open). Null while paused.
     */
    void planNext(Instant from) {
        if (paused) {
            nextRoundAt = null;
            return;
        }
        Instant notBefore = lastRoundClosesAt != null && lastRoundClosesAt.isAfter(from) ? lastRoundClosesAt : from;
        Recurrence recurrence = recurrence();
        nextRoundAt = recurrence.start(recurrence.firstAtOrAfter(notBefore)).toInstant();
    }
}
