package app.asynchealth.schedule;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<TeamSchedule, UUID> {

    /** The team's schedule, locked: a tick working on it finishes first, and this change sees what it did. */
    public Optional<TeamSchedule> ofTeamForUpdate(UUID teamId) {
        return find("teamId", teamId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<TeamSchedule> ofTeam(UUID teamId) {
        return find("teamId", teamId).firstResultOptional();
    }
}
