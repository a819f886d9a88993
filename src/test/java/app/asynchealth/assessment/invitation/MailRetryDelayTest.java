package app.asynchealth.assessment.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How long to wait before mailing a mailbox again after it deferred a mail: doubling from 5 minutes, never over an hour. */
class MailRetryDelayTest {

    @Test
    void theWaitDoublesUpToAnHour() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(InvitationMails::retryDelay).map(Duration::toMinutes).toList())
                .containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
    }

    @Test
    void manyDeferralsStillWaitAnHour() {
        assertThat(InvitationMails.retryDelay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }
}
