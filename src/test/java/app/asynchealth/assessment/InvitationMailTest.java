package app.asynchealth.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.MailServerResource;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Invitations by e-mail, through a real SMTP server in the test JVM: the member alone receives the claim code; the
 * lead who invited sees none, and a mail the server does not take leaves no seat behind.
 */
@QuarkusTest
class InvitationMailTest {

    static final Pattern CODE = Pattern.compile("([a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\.[A-Za-z0-9_-]{43})");

    String tenant;
    String team;
    String lead;
    String assessment;
    String kim;
    String lee;
    String noMail;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Mailed");
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead-sub", "role", "lead",
                "email", "lead-" + tenant + "@example.com"));
        lead = Tokens.as(tenant, "lead-sub", Roles.TEAM_LEAD);
        kim = Api.newMember(tenant, team, Map.of("email", address("kim"), "displayName", "Kim"));
        lee = Api.newMember(tenant, team, Map.of("email", address("lee")));
        noMail = Api.newMember(tenant, team, Map.of("externalId", "no-mail"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    private String address(String name) {
        return name + "-" + tenant + "@example.com";
    }

    /**
     * The decoded text of a plain-text mail, read without content handlers: the contract validator's json-schema
     * library brings javax.mail, whose mailcap names handlers that jakarta activation cannot load.
     */
    private static String text(MimeMessage message) throws Exception {
        return new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static List<String> codesSentTo(String address) throws Exception {
        MimeMessage[] all = MailServerResource.server().getReceivedMessages();
        return Arrays.stream(all).filter(message -> recipient(message).equals(address)).map(message -> {
            try {
                Matcher matcher = CODE.matcher(text(message));
                assertThat(matcher.find()).as("a claim code in the mail").isTrue();
                return matcher.group(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachMemberReceivesTheirOwnCodeAndTheLeadSeesNone() throws Exception {
        String answer = Api.as(lead).body(Map.of("memberIds", List.of(kim, lee, noMail)))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued", hasSize(2)).body("issued.delivery", everyItem(equalTo("email")))
                .body("issued.code", everyItem(nullValue())).body("withoutEmail", contains(noMail))
                .body("undelivered", empty()).extract().asString();

        List<String> kimsCodes = codesSentTo(address("kim"));
        assertThat(kimsCodes).hasSize(1);
        assertThat(codesSentTo(address("lee"))).hasSize(1).doesNotContainAnyElementsOf(kimsCodes);
        assertThat(answer).doesNotContain(kimsCodes.get(0));
        MimeMessage mail = Arrays.stream(MailServerResource.server().getReceivedMessages())
                .filter(message -> recipient(message).equals(address("kim"))).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("You are invited: Round");
        assertThat(text(mail)).contains("Hello Kim,").contains("nobody else holds it");

        String listed = Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(200)
                .body("items.delivery", everyItem(equalTo("email"))).extract().asString();
        assertThat(listed).doesNotContain(kimsCodes.get(0));

        String credential = Api.claim(kimsCodes.get(0));
        Api.as(credential).body("{\"answers\": {\"focus-hours\": 6}}").put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.find { it.memberId == '" + kim + "' }.status", equalTo("claimed"));
    }

    @Test
    void aReissuedCodeIsMailedAgainAndTheOldOneDies() throws Exception {
        String invitation = Api.as(lead).body(Map.of("memberIds", List.of(lee)))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201).extract()
                .path("issued[0].id");
        String first = codesSentTo(address("lee")).get(0);
        Api.as(lead).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, invitation).then()
                .statusCode(201).body("issued[0].delivery", equalTo("email")).body("issued[0].code", nullValue());
        List<String> codes = codesSentTo(address("lee"));
        assertThat(codes).hasSize(2);
        Api.as(Tokens.tenantAdmin(tenant)).contentType("application/json").body(Map.of("code", first))
                .post("/api/v1/invitation-claims").then().statusCode(404);
        Api.claim(codes.get(1));
    }

    @Test
    void mailTheServerDoesNotTakeLeavesNoSeatAndTheMemberCanBeInvitedAgain() throws Exception {
        MailServerResource.outage(() -> Api.as(lead).body(Map.of("memberIds", List.of(kim)))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued", empty()).body("undelivered", contains(kim)));
        Api.as(lead).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(0));
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.findAll { it.memberId == '" + kim + "' }.revokedBecause", contains("mail-not-taken"));
        Api.as(lead).body(Map.of("memberIds", List.of(kim))).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(201).body("issued", hasSize(1)).body("alreadyInvited", empty());
        assertThat(codesSentTo(address("kim"))).hasSize(1);
    }

    @Test
    void theLeadSeesWhichMailboxRefusedTheInvitationAndWhichDeferredIt() {
        MailServerResource.refusing(Set.of(address("kim")), Set.of(address("lee")), mailServer -> Api.as(lead)
                .body(Map.of("memberIds", List.of(kim, lee))).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(201).body("issued", empty()).body("undelivered", containsInAnyOrder(kim, lee)));
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.findAll { it.memberId == '" + kim + "' }.revokedBecause", contains("mailbox-refused"))
                .body("items.findAll { it.memberId == '" + lee + "' }.revokedBecause", contains("mail-not-taken"));
        // The lead's own invitation mails the member again: they may have mended the address meanwhile.
        Api.as(lead).body(Map.of("memberIds", List.of(kim))).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(201).body("issued", hasSize(1));
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.findAll { it.memberId == '" + kim + "' && it.status == 'pending' }.revokedBecause",
                        contains(nullValue()));
    }

    @Test
    void badDeliveriesAreRefusedAndChangeNothing() {
        Api.as(lead).body(Map.of("delivery", "fax")).post("/api/v1/assessments/{id}/invitations", assessment).then()
                .statusCode(400).contentType("application/problem+json");
        String invitation = Api.invite(tenant, assessment, noMail).getString("issued[0].id");
        Api.as(lead).body(Map.of("delivery", "email"))
                .post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, invitation).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("delivery"));
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then().body("items", hasSize(1))
                .body("items[0].status", equalTo("pending")).body("items[0].delivery", equalTo("code"));
        // Another tenant's lead reissues nothing here.
        Api.as(Tokens.tenantAdmin(Api.newTenant())).post("/api/v1/assessments/{id}/invitations/{inv}/reissue",
                assessment, invitation).then().statusCode(404);
    }
}
