package app.asynchealth.response;

import app.asynchealth.assessment.Assessment;

/**
 * Who is answering: an assessment and the caller's opaque slot in it.
 *
 * @param lockedForAnswers the assessment's answers lock is held and the assessment was read after taking it, so it is
 *        current as of the lock (see ResponseService#openUnderLock)
 */
public record Respondent(Assessment assessment, String slot, boolean lockedForAnswers) {

    public Respondent(Assessment assessment, String slot) {
        this(assessment, slot, false);
    }
}
