package app.asynchealth.profile;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.action.ActionEffects;
import app.asynchealth.action.ActionEffects.Measured;
import app.asynchealth.action.ActionEffects.Measurement;
import app.asynchealth.action.TeamAction;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.profile.ProfileRepresentations.ProfileActionEffect;
import app.asynchealth.scoring.FigureStatus;
import app.asynchealth.scoring.Rounding;
import app.asynchealth.tenant.Tenant;

/**
 * The team actions a closed round measures, as its profile shows them: which they are and their change is
 * {@link ActionEffects}' job, what the profile shows of each is this one's. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ProfileActions {

    private final ActionEffects effects;

    ProfileActions(ActionEffects effects) {
        this.effects = effects;
    }

    /** Empty for a round that measures none. */
    public List<ProfileActionEffect> measuredIn(Assessment round, Tenant tenant) {
        return effects.measuredIn(round, tenant).stream().map(ProfileActions::effect).toList();
    }

    /** The action with its change, or without figures where either round's figure is not published. */
    static ProfileActionEffect effect(Measured measured) {
        TeamAction action = measured.action();
        Measurement m = measured.measurement();
        boolean shown = m.change() != null;
        return new ProfileActionEffect(action.id, action.title, action.metric, action.status.wireName(),
                action.baselineAssessmentId, FigureStatus.of(shown),
                shown ? Rounding.round(m.baseline().sample().value()) : null,
                shown ? Rounding.round(m.measured().sample().value()) : null,
                shown ? Rounding.round(m.change().value()) : null,
                shown ? Rounding.lower(m.change().interval()) : null,
                shown ? Rounding.upper(m.change().interval()) : null,
                shown && m.change().verdict() != null
                        ? ActionEffects.verdict(m.change()).name().toLowerCase().replace('_', '-') : null,
                shown ? m.change().method() : null);
    }
}
