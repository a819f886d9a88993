package app.asynchealth.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.profile.ProfilePictures;
import app.asynchealth.report.svg.RadarChart;
import app.asynchealth.report.svg.TrendChart;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Draws the profile's pictures for the profile's routes: the radar and the trend as standalone SVG, and the one-page
 * report as server-rendered HTML with the same SVG inline. No script anywhere; the report's only style is its own
 * style element, admitted by its hash in the content security policy, so that nothing else can style or run in it and
 * the page needs nothing fetched (a saved or printed copy is complete).
 */
@ApplicationScoped
public class ReportPictures implements ProfilePictures {

    /** A standalone SVG needs nothing: presentation attributes only, no style, no script, no external reference. */
    static final String SVG_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String CSS_FILE = "report/profile-report.css";
    /** Rounds the report's trend shows: the report's round and those before it. */
    static final int TREND_ROUNDS = 6;

    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance profile(ReportPage page);
    }

    private final ProfileCharts charts;
    private final ReportPages pages;
    private final String css;
    private final String htmlPolicy;

    ReportPictures(ProfileCharts charts, ReportPages pages) {
        this.charts = charts;
        this.pages = pages;
        this.css = stylesheet();
        this.htmlPolicy = "default-src 'none'; style-src '" + hash(css) + "'; frame-ancestors 'none'; base-uri 'none';"
                + " form-action 'none'";
    }

    @Override
    public Picture radar(ProfileReport report) {
        return new Picture(RadarChart.render(charts.radar("radar", report)), SVG_POLICY);
    }

    @Override
    public Picture trend(TeamTrend trend) {
        return new Picture(TrendChart.render(charts.trend("trend", trend.teamName(), trend.trend().rounds(), null,
                Integer.MAX_VALUE, true, 640, 360)), SVG_POLICY);
    }

    @Override
    public Picture report(ProfileReport report) {
        // No trend for a member reading a published round: the other rounds may not be published to them.
        String trendSvg = report.trend() == null ? ""
                : TrendChart.render(charts.trend("trend", report.teamName(), report.trend().rounds(),
                        report.profile().assessmentId(), TREND_ROUNDS, false, 330, 150));
        ReportPage page = pages.page(report, css, RadarChart.render(charts.radar("radar", report)), trendSvg);
        return new Picture(Templates.profile(page).render(), htmlPolicy);
    }

    public String contentSecurityPolicy() {
        return htmlPolicy;
    }

    private static String stylesheet() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CSS_FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CSS_FILE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSP's hash source: the SHA-256 of the style element's exact text (CSP 3, "hash-source"). */
    static String hash(String text) {
        try {
            return "sha256-" + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
