package app.asynchealth.assessment.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The link an invitation mail carries: the configured one, else the service's own answer page, else none. */
class ClaimLinkTest {

    @Test
    void aConfiguredLinkWins() {
        assertThat(InvitationMails.claimLink(Optional.of("https://survey.example.com/claim?code="),
                Optional.of("https://health.example.com"))).contains("https://survey.example.com/claim?code=");
    }

    @Test
    void withAPublicUrlOnlyTheMailLinksToTheAnswerPage() {
        assertThat(InvitationMails.claimLink(Optional.empty(), Optional.of("https://health.example.com")))
                .contains("https://health.example.com/respond?code=");
        assertThat(InvitationMails.claimLink(Optional.empty(), Optional.of("https://example.com/health/ ")))
                .contains("https://example.com/health/respond?code=");
    }

    @Test
    void withNeitherThereIsNoLink() {
        assertThat(InvitationMails.claimLink(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(InvitationMails.claimLink(Optional.of(" "), Optional.of(""))).isEmpty();
    }
}
