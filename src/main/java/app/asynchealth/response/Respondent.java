package app.asynchealth.response;

import app.asynchealth.assessment.Assessment;

/** Who is answering: an assessment and the caller's opaque slot in it. */
public record Respondent(Assessment assessment, String slot) {
}
