package app.asynchealth.profile;

import java.time.Instant;

import jakarta.ws.rs.core.MediaType;

import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.TrendView;

/**
 * The profile and the trend as pictures: an SVG radar, an SVG line chart and a printable HTML report. The drawing lives
 * in a slice above this one ({@code report}), which reads the profile's views; this slice names what it needs here and
 * the report implements it, so that the profile never depends on how it is drawn (and no loop forms).
 */
public interface ProfilePictures {

    String SVG = "image/svg+xml";
    MediaType SVG_TYPE = MediaType.valueOf(SVG);

    /** A picture and the content security policy it needs (the HTML report's style element is allowed by its hash). */
    record Picture(String body, String contentSecurityPolicy) {
    }

    /**
     * What a picture of one round shows: the profile as the JSON has it (same access, same suppression), and for the
     * report the team's trend.
     *
     * @param trend null for the radar alone
     */
    record ProfileReport(String teamName, String title, int round, Instant closedAt, ProfileView profile,
            TrendView trend) {
    }

    record TeamTrend(String teamName, TrendView trend) {
    }

    Picture radar(ProfileReport report);

    Picture report(ProfileReport report);

    Picture trend(TeamTrend trend);
}
