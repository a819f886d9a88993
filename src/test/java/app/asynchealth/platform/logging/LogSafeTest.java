package app.asynchealth.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void aMailServersReplyLosesTheAddressItQuotes() {
        String reply = "550 5.1.1 <kim.o'neil+team@mail.example.co.uk>: Recipient address rejected";
        assertThat(LogSafe.redacted(reply)).isEqualTo("550 5.1.1 <<e-mail>>: Recipient address rejected");
        assertThat(LogSafe.redacted("to jörg@bücher.example")).isEqualTo("to <e-mail>");
    }

    @Test
    void aTokenIsReplaced() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJraW0ifQ.c2lnbmF0dXJl";
        assertThat(LogSafe.redacted("Bearer " + token + " refused")).isEqualTo("Bearer <token> refused");
    }

    @Test
    void theRestStaysAsItWasAndNoMessageIsEmpty() {
        assertThat(LogSafe.redacted("Connection refused: localhost/127.0.0.1:2525")).isEqualTo(
                "Connection refused: localhost/127.0.0.1:2525");
        assertThat(LogSafe.describe(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException: ");
        assertThat(LogSafe.describe(new IllegalArgumentException("Invalid Addresses: kim@example.com")))
                .isEqualTo("java.lang.IllegalArgumentException: Invalid Addresses: <e-mail>");
    }
}
