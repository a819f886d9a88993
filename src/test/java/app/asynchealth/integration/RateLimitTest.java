package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.ratelimit.HrRateLimits;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** The HR routes' per-caller limit, lowered to {@value #LIMIT} per hour so that no bucket refills during a test. */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

    static final int LIMIT = 4;
    static final long WINDOW = 3600;

    public static class LowLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("async-health.rate-limit.hr.requests", Integer.toString(LIMIT),
                    "async-health.rate-limit.hr.period", "1h");
        }
    }

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
    }

    static ValidatableResponse feed(String token) {
        return Api.as(token).get("/api/v1/scores").then();
    }

    static ValidatableResponse export(String token) {
        return Api.as(token).accept(ScoresExport.NDJSON).get("/api/v1/scores/export").then();
    }

    static long header(ValidatableResponse response, String name) {
        String value = response.extract().header(name);
        assertThat(value).as(name).isNotNull();
        return Long.parseLong(value);
    }

    /** Uses up the token's allowance, checking the headers of each allowed request. */
    static void exhaust(String token) {
        for (int i = 1; i <= LIMIT; i++) {
            ValidatableResponse response = (i % 2 == 0 ? export(token) : feed(token)).statusCode(200)
                    .header("RateLimit-Policy", LIMIT + ";w=" + WINDOW);
            assertThat(header(response, "RateLimit-Limit")).isEqualTo(LIMIT);
            assertThat(header(response, "RateLimit-Remaining")).as("remaining after request %d", i).isEqualTo(LIMIT - i);
            assertThat(header(response, "RateLimit-Reset")).isBetween(1L, WINDOW);
            assertThat(response.extract().header("Retry-After")).isNull();
        }
    }

    @Test
    void theLimitThenTooManyRequestsWithRetryAfterAndNothingRun() {
        String hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
        exhaust(hr);
        for (ValidatableResponse refused : new ValidatableResponse[] { feed(hr), export(hr),
                // Refused before the request is looked at: an invalid filter is not even validated.
                Api.as(hr).queryParam("sort", "x").get("/api/v1/scores").then(),
                Api.as(hr).queryParam("limit", 1000).get("/api/v1/scores").then() }) {
            refused.statusCode(429).contentType("application/problem+json")
                    .body("type", equalTo("urn:async-health:problem:too-many-requests")).body("status", equalTo(429))
                    .header("RateLimit-Policy", LIMIT + ";w=" + WINDOW);
            assertThat(header(refused, "RateLimit-Limit")).isEqualTo(LIMIT);
            assertThat(header(refused, "RateLimit-Remaining")).isZero();
            long retryAfter = header(refused, "Retry-After");
            long reset = header(refused, "RateLimit-Reset");
            assertThat(retryAfter).isBetween(1L, WINDOW);
            assertThat(reset).isBetween(1L, WINDOW);
            // The whole allowance returns at once at the end of the window: waiting until then is enough.
            assertThat(retryAfter).isLessThanOrEqualTo(reset);
        }
        // Routes without the annotation are not limited.
        Api.as(hr).get("/api/v1/teams").then().statusCode(200).header("RateLimit-Limit", (String) null);
    }

    @Test
    void eachCallerHasItsOwnBucketAndTokensOfOneCallerShareIt() {
        String first = Tokens.as(tenant, "hr-1", Roles.HR_ANALYST);
        exhaust(first);
        feed(first).statusCode(429);
        // Another token of the same caller draws from the same bucket.
        feed(Tokens.as(tenant, "hr-1", Roles.HR_ANALYST)).statusCode(429);
        // Another caller of the tenant has a full allowance.
        String second = Tokens.as(tenant, "hr-2", Roles.HR_ANALYST);
        assertThat(header(feed(second).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - 1);
        assertThat(header(feed(Tokens.tenantAdmin(tenant)).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - 1);
    }

    @Test
    void integrationTokensHaveOneBucketEach() {
        String admin = Tokens.tenantAdmin(tenant);
        String one = Api.as(admin).body(Map.of("name", "one")).post("/api/v1/integrations/tokens").then().statusCode(201)
                .extract().path("token");
        String two = Api.as(admin).body(Map.of("name", "two")).post("/api/v1/integrations/tokens").then().statusCode(201)
                .extract().path("token");
        exhaust(one);
        export(one).statusCode(429).contentType("application/problem+json");
        assertThat(header(export(two).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - 1);
    }

    @Test
    void oneTenantsCallerExhaustingItsBucketLeavesAnotherTenantsAlone() {
        String other = Api.newTenant();
        // The same subject in two tenants: two callers.
        String here = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
        String there = Tokens.as(other, "hr", Roles.HR_ANALYST);
        exhaust(here);
        feed(here).statusCode(429);
        exhaust(there);
        feed(there).statusCode(429);
    }

    @Test
    void theFeedTheExportAndTheOrganisationProfileDrawFromOneBucket() {
        String hr = Tokens.as(tenant, "hr-shared", Roles.HR_ANALYST);
        assertThat(header(feed(hr).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - 1);
        assertThat(header(export(hr).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - 2);
        for (long used = 3; used <= LIMIT; used++) {
            assertThat(header(organization(hr).statusCode(200), "RateLimit-Remaining")).isEqualTo(LIMIT - used);
        }
        organization(hr).statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    ValidatableResponse organization(String token) {
        return Api.as(token).get("/api/v1/organization/profile").then();
    }

    @Inject
    HrRateLimits limits;

    @Test
    void refusedCallersAreNotCounted() {
        long callers = limits.callers();
        String member = Tokens.as(tenant, "m", Roles.MEMBER);
        for (int i = 0; i <= LIMIT; i++) {
            feed(member).statusCode(403).contentType("application/problem+json");
        }
        RestAssured.given().get("/api/v1/scores").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-token").get("/api/v1/scores").then().statusCode(401);
        // Refused before the limit: no bucket was made for any of them...
        assertThat(limits.callers()).isEqualTo(callers);
        // ...and the same person, once allowed (the same subject as an analyst), finds a full allowance.
        assertThat(header(feed(Tokens.as(tenant, "m", Roles.HR_ANALYST)).statusCode(200), "RateLimit-Remaining"))
                .isEqualTo(LIMIT - 1);
        assertThat(limits.callers()).isEqualTo(callers + 1);
    }
}
