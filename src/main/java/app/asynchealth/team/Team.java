package app.asynchealth.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

@Entity
@Table(name = "team")
public class Team extends TenantOwnedEntity {

    @Column(nullable = false)
    public String name;

    public String description;
}
