package app.asynchealth.response;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.response.ResponseRepresentations.ResponseUpdate;
import app.asynchealth.response.ResponseRepresentations.ResponseView;

/** A respondent's own response: saved as a draft or submitted, replaced whole, withdrawn; readable by its author only. */
@ApplicationScoped
@Transactional
public class ResponseService {

    private final Respondents respondents;
    private final ResponseRepository responses;
    private final TemplateService templates;
    private final Clock clock;
    private final Event<ResponseSubmitted> submitted;
    private final AssessmentRepository assessments;

    ResponseService(Respondents respondents, ResponseRepository responses, TemplateService templates, Clock clock,
            Event<ResponseSubmitted> submitted, AssessmentRepository assessments) {
        this.assessments = assessments;
        this.submitted = submitted;
        this.respondents = respondents;
        this.responses = responses;
        this.templates = templates;
        this.clock = clock;
    }

    public record Saved(OwnResponse response, boolean created) {
    }

    public OwnResponse get(UUID assessmentId) {
        Respondent respondent = respondents.resolve(assessmentId, false);
        AssessmentResponse response = responses.find(assessmentId, respondent.slot())
                .orElseThrow(() -> ProblemException.notFound("Response"));
        return view(response, answers(response));
    }

    public Saved save(UUID assessmentId, ResponseUpdate update, String ifMatch) {
        return save(assessmentId, update, ifMatch, null);
    }

    /**
     * As {@link #save(UUID, ResponseUpdate, String)}; with {@code ifNoneMatch} (any tag, {@code *} say) the caller read
     * no response, and the save is refused (412) if one exists meanwhile: an earlier reader cannot overwrite it.
     */
    public Saved save(UUID assessmentId, ResponseUpdate update, String ifMatch, String ifNoneMatch) {
        Respondent respondent = respondents.resolve(assessmentId, true);
        Instant now = openUnderLock(respondent);
        boolean submit = Boolean.TRUE.equals(update.submitted());
        TemplateDefinition template = templates.get(respondent.assessment().templateKey,
                respondent.assessment().templateVersion);
        AnswerValidator.Result result = AnswerValidator.validate(template, update.answers(), submit);
        if (!result.valid()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Some answers are not valid; nothing was saved.",
                    result.errors());
        }
        ResponseStatus status = submit ? ResponseStatus.SUBMITTED : ResponseStatus.DRAFT;
        var existing = responses.findForUpdate(assessmentId, respondent.slot());
        if (existing.isEmpty()) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED, "You have no response yet to match.");
            }
            AssessmentResponse response = new AssessmentResponse();
            response.assessmentId = assessmentId;
            response.slot = respondent.slot();
            response.status = status;
            response.submittedAt = submit ? now : null;
            responses.persist(response);
            writeAnswers(response, result.answers());
            responses.flush();
            if (submit) {
                submitted.fire(new ResponseSubmitted(assessmentId));
            }
            return new Saved(view(response, result.answers()), true);
        }
        AssessmentResponse response = existing.get();
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "You have a response already (If-None-Match); change it with If-Match and its ETag.");
        }
        EntityTags.requireMatch(ifMatch, OwnResponse.etagOf(response));
        List<AnswerValue> before = answers(response);
        if (response.status == status && same(before, result.answers())) {
            return new Saved(view(response, before), false); // the same PUT again: the same state, the same ETag
        }
        responses.getEntityManager().lock(response, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        responses.deleteAnswers(response.id);
        writeAnswers(response, result.answers());
        response.status = status;
        response.submittedAt = submit ? now : null;
        responses.flush();
        if (submit) {
            submitted.fire(new ResponseSubmitted(assessmentId));
        }
        return new Saved(view(response, result.answers()), false);
    }

    public void withdraw(UUID assessmentId, String ifMatch) {
        Respondent respondent = respondents.resolve(assessmentId, false);
        openUnderLock(respondent);
        AssessmentResponse response = responses.findForUpdate(assessmentId, respondent.slot())
                .orElseThrow(() -> ProblemException.notFound("Response"));
        EntityTags.requireMatch(ifMatch, OwnResponse.etagOf(response));
        responses.deleteAnswers(response.id);
        responses.delete(response);
        responses.flush();
    }

    private void writeAnswers(AssessmentResponse response, List<AnswerValue> values) {
        responses.flush(); // the response row first: the answers refer to it
        responses.insertAnswers(response, values); // one statement for all answers
    }

    private List<AnswerValue> answers(AssessmentResponse response) {
        return responses.answers(response.id).stream().map(AnswerValue::of).toList();
    }

    private static boolean same(List<AnswerValue> before, List<AnswerValue> after) {
        if (before.size() != after.size()) {
            return false;
        }
        Map<String, AnswerValue> byKey = new LinkedHashMap<>();
        before.forEach(answer -> byKey.put(answer.questionKey(), answer));
        return after.stream().allMatch(answer -> byKey.containsKey(answer.questionKey())
                && byKey.get(answer.questionKey()).sameAs(answer));
    }

    /**
     * Holds the assessment's answers lock (shared) until commit, then reads the assessment again and checks that it
     * accepts answers now. A close waits for that lock, so each write commits before the close (and counts, with its
     * time before closedAt) or comes after it, sees it and is refused.
     *
     * A respondent credential's write took the lock already and read the assessment after it (see
     * {@link Respondents}); then it is not read again.
     *
     * @return the time of the write, taken under the lock
     */
    private Instant openUnderLock(Respondent respondent) {
        Assessment assessment = respondent.assessment();
        if (!respondent.lockedForAnswers()) {
            assessments.lockForAnswers(assessment.id);
            assessments.getEntityManager().refresh(assessment);
        }
        Instant now = clock.instant();
        requireOpen(assessment, now);
        return now;
    }

    private static void requireOpen(Assessment assessment, Instant now) {
        if (!assessment.acceptsAnswersAt(now)) {
            String state = switch (assessment.status) {
                case DRAFT -> "has not opened yet";
                case CLOSED -> "is closed";
                case OPEN -> "has passed its closing time";
            };
            throw new ProblemException(ProblemType.CONFLICT, "The assessment " + state + "; it accepts no answers.");
        }
    }

    private static OwnResponse view(AssessmentResponse response, List<AnswerValue> answers) {
        Map<String, Object> json = new LinkedHashMap<>();
        answers.stream().sorted(java.util.Comparator.comparing(AnswerValue::questionKey))
                .forEach(answer -> json.put(answer.questionKey(), answer.json()));
        return OwnResponse.of(response, new ResponseView(response.assessmentId, response.status, json,
                response.submittedAt, response.updatedAt));
    }
}
