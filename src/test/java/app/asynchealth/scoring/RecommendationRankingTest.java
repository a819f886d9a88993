package app.asynchealth.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.LevelReading;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * Recommendations of equal priority go by key (docs/scoring.md section 7): equal in decimals, not in the last bit of a
 * double. Meeting load at 20.2 is 19.8 points short of level 3 (40); response norms at 40.2 are 19.8 short of level 4
 * (60). In doubles (40 − 20.2)/100 = 0.198 but (60 − 40.2)/100 = 0.19799999999999998, which put "run-meeting-audit"
 * before "agree-response-times".
 */
class RecommendationRankingTest {

    static DimensionResult dimension(String key, double score, Range interval, String metric) {
        int level = ProfileCalculatorTest.MODEL.levelFor(score).level();
        MetricResult result = new MetricResult(metric, metric, "share", 50.0, new Range(40, 60), 10, null, null, null,
                null, null, Verdict.NO_CLEAR_DIFFERENCE, "lower", List.of());
        return new DimensionResult(key, score, interval, new LevelReading(level, "level " + level, level, level + 1),
                null, List.of(), List.of(result));
    }

    static List<Recommendation> ranked(DimensionResult meetings, DimensionResult responses) {
        TeamProfile profile = new TeamProfile("2", 10, 5, List.of(), 30.0, new Range(20, 40), null,
                List.of(meetings, responses));
        return RecommendationCatalog.load().top(profile, ProfileCalculatorTest.MODEL, 5);
    }

    @Test
    void equalPointPrioritiesGoByKey() {
        // Both intervals reach the next level: no credible gap, so the point gaps (19.8 points × weight 1.0) decide.
        List<Recommendation> ranked = ranked(
                dimension("meeting-load", 20.2, new Range(10, 45), "often-in-unnecessary-meetings"),
                dimension("response-norms", 40.2, new Range(30, 65), "expected-within-an-hour"));
        assertThat(ranked).extracting(Recommendation::key).containsExactly("agree-response-times", "run-meeting-audit");
        assertThat(ranked).extracting(Recommendation::priority).containsOnly(0.0);
        assertThat(ranked).extracting(Recommendation::pointPriority).containsExactly(0.198, 0.198);
    }

    @Test
    void equalPrioritiesGoByKey() {
        // Upper bounds 25.2 and 45.2: both 14.8 points short of the next level for certain, so the credible gaps tie
        // too; in doubles 0.14800000000000002 against 0.14799999999999996.
        List<Recommendation> ranked = ranked(
                dimension("meeting-load", 20.2, new Range(15, 25.2), "often-in-unnecessary-meetings"),
                dimension("response-norms", 40.2, new Range(35, 45.2), "expected-within-an-hour"));
        assertThat(ranked).extracting(Recommendation::key).containsExactly("agree-response-times", "run-meeting-audit");
        assertThat(ranked).extracting(Recommendation::priority).containsExactly(0.148, 0.148);
        assertThat(ranked).extracting(Recommendation::gap).containsExactly(0.148, 0.148);
        assertThat(ranked).extracting(Recommendation::pointPriority).containsExactly(0.198, 0.198);
    }
}
