package app.asynchealth.scoring;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether one figure (a dimension score, a question, a metric, an action's change) is shown: available, or suppressed
 * because fewer than the anonymity threshold answered the questions it uses; a suppressed figure shows its count only.
 * Here, below the profiles and the actions that both show figures.
 */
@Schema(name = "FigureStatus", description = "available: shown; suppressed: fewer answers than the anonymity threshold, only the count is shown")
public enum FigureStatus {
    @JsonProperty("available")
    AVAILABLE,
    @JsonProperty("suppressed")
    SUPPRESSED;

    public static FigureStatus of(boolean published) {
        return published ? AVAILABLE : SUPPRESSED;
    }
}
