package app.asynchealth.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.action.FinalProfiles;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.tenant.Tenant;

/**
 * A closed round's final profile as the actions read it (see {@link FinalProfiles}): the profile stands above the
 * actions, so they ask through this and never see {@link ProfileView}.
 */
@ApplicationScoped
public class FinalProfilesForActions implements FinalProfiles {

    private final AssessmentProfiles profiles;

    FinalProfilesForActions(AssessmentProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public FinalProfile of(Assessment round, Tenant tenant) {
        ProfileView profile = profiles.closedProfile(round, tenant);
        Map<String, ShownMetric> metrics = null;
        if (profile.dimensions() != null) {
            metrics = new LinkedHashMap<>();
            for (DimensionView dimension : profile.dimensions()) {
                if (dimension.metrics() != null) {
                    for (MetricView metric : dimension.metrics()) {
                        // The first a profile shows under a key, as a metric belongs to one dimension.
                        metrics.putIfAbsent(metric.key(), new ShownMetric(metric.published(), metric.answered(),
                                metric.value(), metric.lower(), metric.upper()));
                    }
                }
            }
        }
        return new FinalProfile(profile.status().name().toLowerCase(), profile.respondents(),
                profile.recommendations(), metrics);
    }
}
