package app.asynchealth.answering;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.response.OwnResponse;
import app.asynchealth.response.Respondent;
import app.asynchealth.response.Respondents;
import app.asynchealth.response.ResponseRepresentations.ResponseView;
import app.asynchealth.response.ResponseService;

/**
 * What a round's answer page shows, read through the services the API uses with the caller's respondent credential:
 * the round, its template version and the caller's own response, nobody else's.
 */
@ApplicationScoped
public class AnswerPages {

    private final Respondents respondents;
    private final TemplateService templates;
    private final ResponseService responses;
    private final Clock clock;

    AnswerPages(Respondents respondents, TemplateService templates, ResponseService responses, Clock clock) {
        this.respondents = respondents;
        this.templates = templates;
        this.responses = responses;
        this.clock = clock;
    }

    /**
     * The caller's round; {@code open} when it accepts answers now; {@code version} is the version of the response
     * shown (its ETag's value in the API), empty when nothing is saved.
     */
    public record Round(Assessment assessment, TemplateDefinition template, Optional<ResponseView> response,
            Optional<String> version, boolean open) {
    }

    /**
     * @throws ProblemException FORBIDDEN when the credential no longer answers this round, NOT_FOUND when there is no
     *         such round
     */
    public Round round(UUID assessmentId) {
        Respondent respondent = respondents.resolve(assessmentId, false);
        return round(respondent.assessment());
    }

    /**
     * The round of a member signed in with their account, before or after their first answer (which claims their seat).
     *
     * @throws ProblemException NOT_FOUND when it is no round of their teams, CONFLICT when a code claimed their seat
     */
    public Round accountRound(UUID assessmentId) {
        return round(respondents.accountRound(assessmentId));
    }

    private Round round(Assessment assessment) {
        UUID assessmentId = assessment.id;
        TemplateDefinition template = templates.get(assessment.templateKey, assessment.templateVersion);
        Optional<OwnResponse> own = own(assessmentId);
        return new Round(assessment, template, own.map(OwnResponse::body), own.map(OwnResponse::etag),
                assessment.acceptsAnswersAt(clock.instant()));
    }

    /**
     * For a save: the round and its template, to read the form with, without the caller's response (the save reads
     * and checks that under its own lock, so reading it here too would only double the work).
     */
    public Round roundToAnswer(UUID assessmentId) {
        Assessment assessment = respondents.resolve(assessmentId, false).assessment();
        return new Round(assessment, templates.get(assessment.templateKey, assessment.templateVersion),
                Optional.empty(), Optional.empty(), assessment.acceptsAnswersAt(clock.instant()));
    }

    private Optional<OwnResponse> own(UUID assessmentId) {
        try {
            return Optional.of(responses.get(assessmentId));
        } catch (ProblemException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                return Optional.empty(); // nothing saved yet
            }
            throw e;
        }
    }
}
