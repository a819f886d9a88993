package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every bad token is refused with 401 problem+json (alg none, HS256 keyed with the public key, expired, not yet valid by
 * nbf or by iat, wrong issuer or audience, unknown kid, tampered payload or signature, no or unknown tenant, a revoked
 * integration token); a respondent credential is not admitted to admin routes (401/403); the good ones of both issuers
 * are accepted.
 */
@QuarkusTest
class TokenVerificationTest {

    static String tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Api.newTenant();
        }
    }

    private static ValidatableResponse teamsWith(String token) {
        return given().auth().oauth2(token).get("/api/v1/teams").then();
    }

    private static void refused(String token) {
        refusedOn(token, "/api/v1/teams");
    }

    private static void refusedOn(String token, String path) {
        given().auth().oauth2(token).get(path).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("type", equalTo("urn:async-health:problem:unauthenticated"));
    }

    private static String validPayloadJson() throws Exception {
        String valid = Tokens.tenantAdmin(tenant);
        return new String(Base64.getUrlDecoder().decode(valid.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void validServiceTokenIsAccepted() {
        teamsWith(Tokens.tenantAdmin(tenant)).statusCode(200);
    }

    @Test
    void missingOrMalformedTokenIsRefused() {
        given().get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json");
        refused("not-a-token");
        refused("a.b.c");
    }

    @Test
    void unsignedTokenIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(validPayloadJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKeyIdHeaderValue(Tokens.keyId());
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        refused(jws.getCompactSerialization());
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        // The classic algorithm confusion: HS256 keyed with the RSA public key a verifier knows.
        byte[] publicKey = Base64.getDecoder().decode(
                ConfigProvider.getConfig().getValue("async-health.jwt.public-key", String.class));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(validPayloadJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(Tokens.keyId());
        jws.setKey(new HmacKey(publicKey));
        refused(jws.getCompactSerialization());
    }

    @Test
    void expiredTokenIsRefused() {
        long now = System.currentTimeMillis() / 1000;
        refused(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).issuedAt(now - 7200).expiresAt(now - 3600)));
    }

    @Test
    void notYetValidTokenIsRefused() {
        long now = System.currentTimeMillis() / 1000;
        refused(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN)
                .claim("nbf", now + 3600).issuedAt(now).expiresAt(now + 7200)));
    }

    @Test
    void wrongIssuerIsRefused() {
        refused(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).issuer("https://attacker.example")));
    }

    @Test
    void wrongAudienceIsRefused() {
        refused(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).audience("another-api")));
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = Tokens.tenantAdmin(tenant).split("\\.");
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        claims.setStringListClaim("groups", List.of(Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8));
        refused(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void tamperedSignatureIsRefused() {
        String[] parts = Tokens.tenantAdmin(tenant).split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01; // one bit flipped in the middle of the signature
        refused(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        // A signature cut short is no signature either.
        refused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 8));
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() {
        // Only an iat in the future, nbf unset: a token minted by a clock far ahead (or forged) is not yet valid.
        long now = System.currentTimeMillis() / 1000;
        refused(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).issuedAt(now + 3600).expiresAt(now + 7200)));
    }

    /** Refused with a problem: 401 (not admitted) or 403 (admitted, not allowed), never an answer. */
    private static void notAdmitted(String token, String method, String path, Object... params) {
        given().auth().oauth2(token).contentType("application/json").body("{}").request(method, path, params).then()
                .statusCode(oneOf(401, 403)).contentType("application/problem+json")
                .body("status", oneOf(401, 403));
    }

    @Test
    void respondentCredentialIsRefusedOnAdminRoutes() {
        String team = Api.newTeam(tenant, "Respondents");
        String member = Api.newMember(tenant, team, Map.of("email", "resp@example.com"));
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        String credential = Api.claim(Api.invite(tenant, assessment, member).getString("issued[0].code"));
        // It answers its own assessment...
        given().auth().oauth2(credential).get("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(oneOf(200, 404));
        // ...and opens nothing else: neither reading nor administering the tenant.
        notAdmitted(credential, "GET", "/api/v1/teams");
        notAdmitted(credential, "GET", "/api/v1/assessments/{id}", assessment);
        notAdmitted(credential, "GET", "/api/v1/assessments/{id}/invitations", assessment);
        notAdmitted(credential, "POST", "/api/v1/assessments/{id}/close", assessment);
        notAdmitted(credential, "POST", "/api/v1/integrations/tokens");
        notAdmitted(credential, "GET", "/api/v1/scores");
        notAdmitted(credential, "GET", "/api/v1/tenants");
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}", assessment).then()
                .body("status", equalTo("open"));
    }

    @Test
    void revokedIntegrationTokenIsRefused() {
        String admin = Tokens.tenantAdmin(tenant);
        var created = Api.as(admin).body(Map.of("name", "soon revoked")).post("/api/v1/integrations/tokens").then()
                .statusCode(201).extract();
        String token = created.path("token");
        given().auth().oauth2(token).get("/api/v1/scores").then().statusCode(200);
        Api.as(admin).delete("/api/v1/integrations/tokens/{id}", created.<String>path("integration.id")).then()
                .statusCode(200);
        // Every request checks it: refused at once, on every route.
        refusedOn(token, "/api/v1/scores");
        refusedOn(token, "/api/v1/teams");
    }

    @Test
    void unknownKeyIdIsRefused() throws Exception {
        // Signed by a key the service does not know...
        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        refused(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).jws().keyId("someone-elses-key").sign(foreignKey));
        // ...and the service's own key under a key id it did not issue.
        refused(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN).jws().keyId("unknown-key").sign());
    }

    @Test
    void tokenWithoutTenantIsRefusedUnlessPlatformAdmin() {
        refused(Tokens.service(Tokens.serviceClaims(null, Roles.TENANT_ADMIN)));
        refused(Tokens.service(Tokens.serviceClaims("Not A Tenant!", Roles.TENANT_ADMIN)));
        given().auth().oauth2(Tokens.platformAdmin()).get("/api/v1/tenants").then().statusCode(200);
    }

    @Test
    void validTokenWithTheWrongRoleIsForbidden() {
        given().auth().oauth2(Tokens.as(tenant, "someone", Roles.MEMBER)).get("/api/v1/tenants").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:async-health:problem:forbidden"));
    }

    @Test
    void keycloakTokenWithOneOrganizationSpeaksForThatTenant() {
        String token = Tokens.keycloak(Map.of("organization", List.of(tenant)), Roles.TENANT_ADMIN);
        String team = Api.as(token).body(Map.of("name", "From Keycloak")).post("/api/v1/teams")
                .then().statusCode(201).extract().path("id");
        teamsWith(Tokens.tenantAdmin(tenant)).statusCode(200).body("items.id", hasItem(team));
    }

    @Test
    void keycloakOrganizationObjectAndTenantClaimAreUnderstood() {
        teamsWith(Tokens.keycloak(Map.of("organization", Map.of(tenant, Map.of("id", "x"))), Roles.TENANT_ADMIN))
                .statusCode(200);
        teamsWith(Tokens.keycloak(Map.of("tenant", tenant, "organization", List.of("a-org", "b-org")), Roles.TENANT_ADMIN))
                .statusCode(200);
    }

    @Test
    void keycloakTokenWithSeveralOrganizationsAndNoTenantIsRefused() {
        refused(Tokens.keycloak(Map.of("organization", List.of(tenant, "other-org")), Roles.TENANT_ADMIN));
        refused(Tokens.keycloak(Map.of(), Roles.TENANT_ADMIN));
    }

    @Test
    void keycloakTokenSignedByAnotherKeyIsRefused() throws Exception {
        var foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String token = io.smallrye.jwt.build.Jwt.issuer(app.asynchealth.support.LocalInstallationResource.KEYCLOAK_ISSUER)
                .audience("async-health-api").subject("x").claim("tenant", tenant)
                .claim("realm_access", Map.of("roles", List.of(Roles.TENANT_ADMIN)))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("realm-key").sign(foreignKey);
        refused(token);
    }
}
