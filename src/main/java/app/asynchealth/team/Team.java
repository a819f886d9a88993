package app.asynchealth.team;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.UuidGenerator;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

@Entity
@Table(name = "team")
public class Team extends TenantOwnedEntity {

    /** Time-ordered (UUIDv7), so that keyset pages follow creation order. */
    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String description;
}
