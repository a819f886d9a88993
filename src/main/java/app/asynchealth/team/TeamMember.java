package app.asynchealth.team;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** A person on a team, known by an external id (HR system) and/or an email, optionally linked to a login. */
@Entity
@Table(name = "team_member")
public class TeamMember extends TenantOwnedEntity {

    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    @Column(name = "external_id")
    public String externalId;

    public String email;

    /** The subject of the member's Keycloak account, when linked. */
    public String subject;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TeamRole role;
}
