package app.asynchealth.response;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.UuidGenerator;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.tenancy.TenantRowCheck;

/** One answer, in the column of its type, so that the database can aggregate answers without loading them. */
@Entity
@Table(name = "answer")
@EntityListeners(TenantRowCheck.class)
public class Answer implements TenantRowCheck.TenantOwned {

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @Column(name = "response_id", nullable = false, updatable = false)
    public UUID responseId;

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    @Column(name = "question_key", nullable = false, updatable = false)
    public String questionKey;

    @Column(name = "number_value", precision = 12, scale = 3)
    public BigDecimal numberValue;

    @Column(name = "choice_value")
    public String choiceValue;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "choice_values")
    public String[] choiceValues;

    @Column(name = "text_value")
    public String textValue;

    @Override
    public String owningTenant() {
        return tenantId;
    }
}
