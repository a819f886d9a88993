package app.asynchealth.action;

import java.util.List;
import java.util.Map;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.tenant.Tenant;

/**
 * What actions read of a closed round's final profile: whether it is available, the recommendations it makes (one of
 * them is adopted) and the metrics it publishes (an action's figures are shown only where they are). The profile is
 * assembled above the actions, as it shows the actions a round measures, so it hands them this view of itself
 * ({@code profile/FinalProfilesForActions}); the anonymity rule stays the profile's.
 */
public interface FinalProfiles {

    /** The final profile of a closed round, as it is kept and shown. */
    FinalProfile of(Assessment round, Tenant tenant);

    /**
     * @param status the profile's status as the API names it (available, suppressed)
     * @param recommendations null when the profile has none
     * @param metrics each metric the profile's dimensions show, by key; null when it shows no dimensions
     */
    record FinalProfile(String status, long respondents, List<Recommendation> recommendations,
            Map<String, ShownMetric> metrics) {

        public boolean available() {
            return "available".equals(status);
        }
    }

    /** A metric as the profile shows it: published, or suppressed with the count of those who answered it. */
    record ShownMetric(boolean published, int answered, Double value, Double lower, Double upper) {
    }
}
