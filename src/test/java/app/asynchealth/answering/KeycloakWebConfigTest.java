package app.asynchealth.answering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the answer page's sign-in tenant is on, and when its cookies must be Secure. */
class KeycloakWebConfigTest {

    @Test
    void onOnlyWithKeycloakEnabledAndAWebClientNamed() {
        assertThat(KeycloakWebConfig.derive("true", "async-health-web", null))
                .containsEntry(KeycloakWebConfig.ENABLED, "true");
        assertThat(KeycloakWebConfig.derive("false", "async-health-web", null))
                .containsEntry(KeycloakWebConfig.ENABLED, "false");
        assertThat(KeycloakWebConfig.derive("true", null, null)).containsEntry(KeycloakWebConfig.ENABLED, "false");
        assertThat(KeycloakWebConfig.derive("true", " ", null)).containsEntry(KeycloakWebConfig.ENABLED, "false");
        assertThat(KeycloakWebConfig.derive(null, null, null)).containsEntry(KeycloakWebConfig.ENABLED, "false");
    }

    @Test
    void anHttpsPublicUrlMakesTheSessionCookieSecureBehindAProxy() {
        assertThat(KeycloakWebConfig.derive("true", "c", "https://health.example.com"))
                .containsEntry("quarkus.oidc.keycloak-web.authentication.cookie-force-secure", "true")
                .containsEntry("quarkus.oidc.keycloak-web.authentication.force-redirect-https-scheme", "true");
        assertThat(KeycloakWebConfig.derive("true", "c", "http://localhost:8080"))
                .doesNotContainKey("quarkus.oidc.keycloak-web.authentication.cookie-force-secure");
    }

    @Test
    void withSignInFormsMayAlsoGoToTheRealmsOriginForSigningOut() {
        assertThat(AnswerPageHeaders.withSignOut("https://id.example.com:8443/realms/async-health"))
                .contains("form-action 'self' https://id.example.com:8443;").contains("default-src 'none'");
    }
}
