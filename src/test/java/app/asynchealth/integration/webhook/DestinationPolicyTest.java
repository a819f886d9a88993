package app.asynchealth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules on their own, with the production defaults (no allow-list, https only). */
class DestinationPolicyTest {

    final DestinationPolicy defaults = new DestinationPolicy(Optional.empty(), false);

    @ParameterizedTest
    @ValueSource(strings = { "https://93.184.216.34/hooks", "https://[2606:4700:4700::1111]/hooks",
            "https://8.8.8.8:8443/a/b?c=d" })
    void publicHttpsDestinationsPass(String url) {
        assertThat(defaults.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://93.184.216.34/hooks", "https://127.0.0.1/hooks", "https://[::1]/hooks",
            "https://10.1.2.3/", "https://172.31.255.255/", "https://192.168.0.1/", "https://169.254.169.254/latest",
            "https://100.64.0.1/", "https://[fe80::1]/", "https://[fc00::5]/", "https://[::ffff:127.0.0.1]/",
            "https://0.0.0.0/", "https://224.0.0.1/", "https://255.255.255.255/", "https://localhost/hooks",
            "https://93.184.216.34/hooks#fragment", "https://me:secret@93.184.216.34/hooks", "https:///nohost",
            "relative/path" })
    void internalPlainOrMalformedDestinationsAreRefused(String url) {
        assertThat(defaults.refusal(url)).as(url).isPresent();
    }

    @Test
    void theAllowListOpensOnlyWhatItNames() {
        DestinationPolicy policy = new DestinationPolicy(Optional.of(List.of("10.20.0.0/16", "hooks.internal")), false);
        assertThat(policy.refusal("https://10.20.3.4/hooks")).isEmpty();
        assertThat(policy.refusal("https://hooks.internal/hooks")).isEmpty();
        assertThat(policy.refusal("https://10.21.0.1/hooks")).isPresent();
        assertThat(policy.refusal("http://10.20.3.4/hooks")).contains("must be an https URL");
    }

    @Test
    void plainHttpOnlyWhenAllowed() {
        DestinationPolicy policy = new DestinationPolicy(Optional.of(List.of("127.0.0.1")), true);
        assertThat(policy.refusal("http://127.0.0.1:8080/hooks")).isEmpty();
        assertThat(policy.refusal("http://127.0.0.2:8080/hooks")).isPresent();
    }

    @Test
    void theSendersResolverRefusesANameThatNowPointsInsideTheNetwork() throws Exception {
        // "localhost" stands for a public name re-pointed to an internal address after it was checked.
        var resolver = new WebhookSender.CheckedResolver(defaults);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolver.resolve("localhost"))
                .isInstanceOf(java.net.UnknownHostException.class).hasMessageContaining("private network");
        assertThat(resolver.resolve("93.184.216.34")).extracting(java.net.InetAddress::getHostAddress)
                .containsExactly("93.184.216.34");
        var allowing = new WebhookSender.CheckedResolver(new DestinationPolicy(Optional.of(List.of("127.0.0.1")), true));
        assertThat(allowing.resolve("127.0.0.1")).hasSize(1);
    }
}
