package app.asynchealth.response;

import java.util.UUID;

/** Fired, synchronously and inside the answering transaction, when a response is submitted (or re-submitted). */
public record ResponseSubmitted(UUID assessmentId) {
}
