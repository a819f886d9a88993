package app.asynchealth.assessment.template;

import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** A tenant's own template version, derived from a built-in one. Immutable once created. */
@Entity
@Table(name = "template_version")
@AttributeOverride(name = "version", column = @Column(name = "version_lock", nullable = false))
public class TemplateVersion extends TenantOwnedEntity {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @Column(name = "key", nullable = false, updatable = false)
    public String key;

    @Column(name = "version", nullable = false, updatable = false)
    public int templateVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public TemplateDefinition definition;
}
