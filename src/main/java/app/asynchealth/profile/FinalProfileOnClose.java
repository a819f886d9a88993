package app.asynchealth.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentClosed;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.tenant.TenantRepository;

/**
 * Keeps an assessment's final profile when it closes, manually or on schedule: the event is fired synchronously inside
 * the closing transaction, after the close has waited for the answers in flight, so the row commits with the close or
 * not at all, and no reader of a committed close computes it again.
 */
@ApplicationScoped
class FinalProfileOnClose {

    private final AssessmentRepository assessments;
    private final TenantRepository tenants;
    private final AssessmentProfiles profiles;

    FinalProfileOnClose(AssessmentRepository assessments, TenantRepository tenants, AssessmentProfiles profiles) {
        this.assessments = assessments;
        this.tenants = tenants;
        this.profiles = profiles;
    }

    void onClosed(@Observes AssessmentClosed closed) {
        Assessment assessment = assessments.findById(closed.assessmentId()); // the closing transaction's own instance
        profiles.keepFinalProfile(assessment, tenants.findById(assessment.tenantId));
    }
}
