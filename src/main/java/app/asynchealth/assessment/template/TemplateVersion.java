package app.asynchealth.assessment.template;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** A tenant's own template version, derived from a built-in one. Immutable once created. */
@Entity
@Table(name = "template_version")
@AttributeOverride(name = "version", column = @Column(name = "version_lock", nullable = false))
public class TemplateVersion extends TenantOwnedEntity {

    @Column(name = "key", nullable = false, updatable = false)
    public String key;

    @Column(name = "version", nullable = false, updatable = false)
    public int templateVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public TemplateDefinition definition;
}
