package app.asynchealth.answering;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.answering.AnswerForm.Field;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationClaims;
import app.asynchealth.assessment.invitation.InvitationRepresentations.RespondentCredential;
import app.asynchealth.platform.problem.DatabaseFailures;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.response.MyAssessmentsService;
import app.asynchealth.response.OwnResponse;
import app.asynchealth.response.ResponseRepresentations.MyAssessment;
import app.asynchealth.response.ResponseRepresentations.MyResponseStatus;
import app.asynchealth.response.ResponseRepresentations.ResponseUpdate;
import app.asynchealth.response.ResponseRepresentations.ResponseView;
import app.asynchealth.response.ResponseService;
import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The answer page: plain HTML forms, rendered here, that work without JavaScript. A member opens the link of their
 * invitation mail ({@code /respond?code=…}), presses Start (a GET never claims: mail scanners open links), and answers
 * on the round's page; the claim and the answers go through the same services as the API.
 */
@Path(RespondCookies.ROOT)
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class AnswerPageResource {

    private static final Logger LOG = Logger.getLogger(AnswerPageResource.class);
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** The form field with the version of the response a round's page was rendered from; empty: nothing saved. */
    static final String VERSION = "version";

    @CheckedTemplate(basePath = "respond")
    static class Templates {
        static native TemplateInstance start(Layout page, Csrf csrf, String code, String error, boolean signIn);

        static native TemplateInstance round(Layout page, Csrf csrf, RoundView round, List<Field> questions,
                String notice, boolean invalid, String conflict, boolean account);

        static native TemplateInstance withdraw(Layout page, Csrf csrf, RoundView round);

        static native TemplateInstance mine(Layout page, Csrf csrf, List<MineView> rounds);

        static native TemplateInstance problem(Layout page, String heading, String text, String link, String linkText);
    }

    /** What every page's frame needs: the way from the page's address to /respond/ (relative links), and its title. */
    public record Layout(String base, String title) {
    }

    public record Csrf(String name, String token) {
    }

    /**
     * The round as the page heads it; {@code version} is the version of the response the page's forms were made from
     * (what the API's ETag carries), sent back with them so that a change made meanwhile is not overwritten.
     */
    public record RoundView(String id, String title, String closesAtIso, String closesAtText, String status,
            boolean hasResponse, String version) {
    }

    /** One of the signed-in member's open rounds, as the list shows it. */
    public record MineView(String id, String title, String closesAtIso, String closesAtText, String status,
            boolean claimedByCode) {
    }

    /** Roles that may list and answer their own rounds with their account: those of GET /api/v1/me/assessments. */
    static final Set<String> ACCOUNT_ROLES = Set.of(Roles.MEMBER, Roles.TEAM_LEAD, Roles.TENANT_ADMIN, Roles.HR_ANALYST);
    /** quarkus-oidc records the OIDC tenant that authenticated the request under this identity attribute. */
    static final String OIDC_TENANT_ATTRIBUTE = "tenant-id";

    /** Who the page is talking to. */
    enum Visitor {
        /** holds a respondent credential (a claimed code) for the round addressed */
        RESPONDENT,
        /** signed in with their account on this page, with a role that may answer */
        ACCOUNT,
        /** signed in, but their account has no role that answers */
        ACCOUNT_WITHOUT_ACCESS,
        /** nobody: no credential and no session (a bearer token of the API is no page session either) */
        NOBODY,
        /** something was presented but did not verify: an expired or forged credential, a tampered or refused session */
        REFUSED,
        /** the database needed to check it is unavailable */
        UNAVAILABLE
    }

    private final InvitationClaims claims;
    private final AnswerPages pages;
    private final ResponseService responses;
    private final SecurityIdentity identity;
    private final CsrfTokenParameterProvider csrf;
    private final PageLanguage language;
    private final Clock clock;
    private final boolean publicUrlIsHttps;
    private final MyAssessmentsService mine;
    private final boolean signIn;

    AnswerPageResource(InvitationClaims claims, AnswerPages pages, ResponseService responses, SecurityIdentity identity,
            CsrfTokenParameterProvider csrf, PageLanguage language, Clock clock, MyAssessmentsService mine,
            AnswerPageTenant tenant, @ConfigProperty(name = "async-health.public-url") Optional<String> publicUrl) {
        this.mine = mine;
        this.signIn = tenant.signInEnabled();
        this.claims = claims;
        this.pages = pages;
        this.responses = responses;
        this.identity = identity;
        this.csrf = csrf;
        this.language = language;
        this.clock = clock;
        this.publicUrlIsHttps = publicUrl.map(url -> url.startsWith("https:")).orElse(false);
    }

    // ------------------------------------------------------------------ start and claim

    @GET
    public Response start(@QueryParam("code") String code, @CookieParam(RespondCookies.CLAIM_KEY) String keyCookie,
            @Context HttpServerRequest request) {
        String key = RespondCookies.claimKey(keyCookie).orElseGet(RespondCookies::newClaimKey);
        String shown = code == null || code.isBlank() || code.length() > 200 ? "" : code.strip();
        String html = language
                .render(Templates.start(new Layout("respond/", msg().startTitle()), csrf(null), shown, "", signIn));
        return page(200, html).cookie(RespondCookies.claimKeyCookie(key, secure(request))).build();
    }

    @POST
    @Path("claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@FormParam("code") String code, @CookieParam(RespondCookies.CLAIM_KEY) String keyCookie,
            @Context HttpServerRequest request) {
        if (code == null || code.isBlank() || code.length() > 200) {
            String html = language.render(
                    Templates.start(new Layout("", msg().codeMissingTitle()), csrf(null), "", msg().startEnterCode(), signIn));
            return page(400, html).build();
        }
        Optional<String> kept = RespondCookies.claimKey(keyCookie);
        String key = kept.orElseGet(RespondCookies::newClaimKey);
        boolean secure = secure(request);
        RespondentCredential credential;
        try {
            credential = claims.claim(code.strip(), Optional.of(key));
        } catch (ProblemException e) {
            return switch (e.type()) {
                case CONFLICT -> problem(409, "", msg().closedTitle(), msg().closedText());
                case UNAVAILABLE -> problem(503, "", msg().unavailableTitle(), msg().unavailableText());
                default -> problem(404, "", msg().codeUnknownTitle(), msg().codeUnknownText()); // unknown, used, revoked
            };
        }
        Response.ResponseBuilder redirect = seeOther(credential.assessmentId().toString())
                .cookie(RespondCookies.credentialCookie(credential.assessmentId(), credential.token(),
                        credential.expiresAt(), clock.instant(), secure));
        if (kept.isEmpty()) {
            redirect.cookie(RespondCookies.claimKeyCookie(key, secure));
        }
        return redirect.build();
    }

    /** Gives the browser a form token on a path that creates them (see application.properties), then goes back. */
    @GET
    @Path("resume")
    public Response resume(@QueryParam("round") String round) {
        if (round == null || !round.matches(UUID_PATTERN)) {
            return problem(404, "", msg().notFoundTitle(), msg().notFoundText());
        }
        return seeOther(round + "?resumed=1").build();
    }

    // ------------------------------------------------------------------ the round's page

    @GET
    @Path("{assessmentId: " + UUID_PATTERN + "}")
    public Response round(@PathParam("assessmentId") UUID assessmentId, @QueryParam("done") String done,
            @QueryParam("resumed") String resumed, @CookieParam("csrf-token") String csrfCookie) {
        Visitor visitor = visitor();
        Optional<Response> refused = requireAnswerer(visitor);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean account = visitor == Visitor.ACCOUNT;
        Optional<String> token = csrfToken(csrfCookie);
        if (token.isEmpty()) {
            return resumed == null ? seeOther("resume?round=" + assessmentId).build()
                    : problem(400, "", msg().cookiesTitle(), msg().cookiesText());
        }
        try {
            AnswerPages.Round round = round(assessmentId, account);
            if (!round.open()) {
                return notAnswerable(round.assessment());
            }
            Map<String, List<String>> values = AnswerForm
                    .savedValues(round.response().map(ResponseView::answers).orElse(Map.of()));
            List<Field> fields = AnswerForm.fields(round.template(), values, List.of(), msg());
            return render(200, round, fields, new Csrf(csrf.getParameterName(), token.get()), notice(done), false, "",
                    version(round), account);
        } catch (SeatClaimedByCode e) {
            return claimedByCode();
        } catch (ProblemException e) {
            return problem(e);
        }
    }

    @POST
    @Path("{assessmentId: " + UUID_PATTERN + "}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("assessmentId") UUID assessmentId, MultivaluedMap<String, String> form) {
        Visitor visitor = visitor();
        Optional<Response> refused = requireAnswerer(visitor);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean account = visitor == Visitor.ACCOUNT;
        String action = form.getFirst("action");
        String version = form.getFirst(VERSION) == null ? "" : form.getFirst(VERSION).strip();
        if (!version.isEmpty() && !OwnResponse.ETAG_FORMAT.matcher(version).matches()) {
            return problem(400, "", msg().formRefusedTitle(), msg().formRefusedText());
        }
        // What the API would get: If-Match with the ETag of the version the page showed, or, when the page showed
        // nothing saved, the precondition that nothing is saved yet.
        String ifMatch = version.isEmpty() ? null : "\"" + version + "\"";
        try {
            if ("withdraw".equals(action)) {
                return confirmWithdrawal(assessmentId, version, account);
            }
            if ("withdraw-confirmed".equals(action)) {
                return withdraw(assessmentId, ifMatch, account);
            }
            if (!"save".equals(action) && !"submit".equals(action)) {
                return problem(400, "", msg().formRefusedTitle(), msg().formRefusedText());
            }
            boolean submit = "submit".equals(action);
            AnswerPages.Round round = account ? round(assessmentId, true) : pages.roundToAnswer(assessmentId);
            if (!round.open()) {
                return notAnswerable(round.assessment());
            }
            Map<String, List<String>> sent = AnswerForm.sentValues(form);
            try {
                responses.save(assessmentId, new ResponseUpdate(AnswerForm.answers(round.template(), sent), submit),
                        ifMatch, ifMatch == null ? "*" : null);
            } catch (ProblemException e) {
                if (e.type() == ProblemType.PRECONDITION_FAILED) {
                    // Another tab or window saved, submitted or withdrew since this page was made: nothing stored.
                    // The page shows what this tab sent, with the version now saved, so that sending it again is a
                    // deliberate choice to replace that change.
                    AnswerPages.Round now = round(assessmentId, account);
                    List<Field> fields = AnswerForm.fields(now.template(), sent, List.of(), msg());
                    return render(409, now, fields, csrf(null), "", false, msg().conflictSaveText(), version(now), account);
                }
                if (e.type() != ProblemType.VALIDATION_FAILED) {
                    throw e;
                }
                // The version stays the one this tab was made from: correcting a field must not skip the check.
                // The round is read again with the saved response, for the page's status (rare: only on bad input).
                List<Field> fields = AnswerForm.fields(round.template(), sent, e.errors(), msg());
                return render(400, round(assessmentId, account), fields, csrf(null), "", true, "", version, account);
            }
            return seeOther(assessmentId + "?done=" + (submit ? "submitted" : "saved")).build();
        } catch (SeatClaimedByCode e) {
            return claimedByCode();
        } catch (ProblemException e) {
            return problem(e);
        }
    }

    /** Withdraw asks first: this page deletes nothing; its own form (with the page's version) does. */
    private Response confirmWithdrawal(UUID assessmentId, String version, boolean account) {
        AnswerPages.Round round = round(assessmentId, account);
        if (!round.open()) {
            return notAnswerable(round.assessment());
        }
        if (round.response().isEmpty()) {
            // withdrawn already (in another tab, say): the page says the same as after a withdrawal
            return seeOther(assessmentId + "?done=withdrawn").build();
        }
        RoundView view = view(round, version);
        String html = language
                .render(Templates.withdraw(new Layout("", msg().withdrawConfirmTitle()), csrf(null), view));
        return page(200, html).build();
    }

    private Response withdraw(UUID assessmentId, String ifMatch, boolean account) {
        if (ifMatch == null) { // only a page that showed a saved response offers this, with its version
            return problem(400, "", msg().formRefusedTitle(), msg().formRefusedText());
        }
        try {
            responses.withdraw(assessmentId, ifMatch);
        } catch (ProblemException e) {
            if (e.type() == ProblemType.PRECONDITION_FAILED) {
                // Changed in another tab or window since: it is kept, and shown as it is now.
                AnswerPages.Round now = round(assessmentId, account);
                Map<String, List<String>> values = AnswerForm
                        .savedValues(now.response().map(ResponseView::answers).orElse(Map.of()));
                List<Field> fields = AnswerForm.fields(now.template(), values, List.of(), msg());
                return render(409, now, fields, csrf(null), "", false, msg().conflictWithdrawText(), version(now), account);
            }
            if (e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            // withdrawn already, in another tab: the page says the same either way
        }
        return seeOther(assessmentId + "?done=withdrawn").build();
    }

    // ------------------------------------------------------------------ members with an account

    /** The signed-in member's open rounds (those of GET /api/v1/me/assessments), or the way to sign in. */
    @GET
    @Path("mine")
    public Response mine() {
        if (!signIn) {
            return problem(404, "", msg().notFoundTitle(), msg().notFoundText());
        }
        return switch (visitor()) {
            case ACCOUNT -> {
                try {
                    List<MineView> rounds = mine.list().items().stream().map(this::mineView).toList();
                    yield page(200, language.render(Templates.mine(new Layout("", msg().mineTitle()), csrf(null), rounds)))
                            .build();
                } catch (ProblemException e) {
                    yield problem(e);
                }
            }
            case ACCOUNT_WITHOUT_ACCESS -> problem(403, "", msg().accountNoAccessTitle(), msg().accountNoAccessText());
            case UNAVAILABLE -> problem(503, "", msg().unavailableTitle(), msg().unavailableText());
            case REFUSED -> signInPage(401, msg().accountRefusedTitle(), msg().accountRefusedText());
            default -> signInPage(200, msg().signInTitle(), msg().signInText());
        };
    }

    /**
     * Starts the sign-in: quarkus-oidc's challenge for the page's tenant (a redirect to Keycloak, with PKCE and a state
     * cookie). Keycloak sends the member back here; quarkus-oidc then exchanges the code when the identity is first
     * read, keeps the session cookie and redirects here once more without the code, and this sends them to their list.
     */
    @GET
    @Path("login")
    public Response login(@Context RoutingContext context,
            // Keycloak's answer, read by quarkus-oidc; declared so that the service's check of undeclared query
            // parameters lets the return from Keycloak (a code, or an error) reach this page.
            @QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("session_state") String sessionState, @QueryParam("iss") String issuer,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
        if (!signIn) {
            return problem(404, "", msg().notFoundTitle(), msg().notFoundText());
        }
        return switch (visitor()) {
            case ACCOUNT, ACCOUNT_WITHOUT_ACCESS -> seeOther("mine").build();
            case UNAVAILABLE -> problem(503, "", msg().unavailableTitle(), msg().unavailableText());
            // A sign-in that failed (a state that does not match, a token refused, an unknown tenant) is not retried
            // by itself: a redirect to Keycloak now, whose session is still open, would come straight back and loop.
            case REFUSED -> signInPage(401, msg().accountRefusedTitle(), msg().accountRefusedText());
            default -> challenge(context);
        };
    }

    /**
     * Signing out is a form (with the page's CSRF token), so that no other site signs a member out. For a session,
     * quarkus-oidc answers it when the identity is read (its logout path): the session cookie goes and Keycloak ends
     * its session, then returns to /respond/signedout. Without a session there is nothing to end.
     */
    @POST
    @Path("signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut() {
        if (!signIn) {
            return problem(404, "", msg().notFoundTitle(), msg().notFoundText());
        }
        visitor();
        return seeOther("signedout").build();
    }

    @GET
    @Path("signedout")
    public Response signedOut(@QueryParam("state") String state) { // quarkus-oidc's, sent back by Keycloak
        if (!signIn) {
            return problem(404, "", msg().notFoundTitle(), msg().notFoundText());
        }
        return signInPage(200, msg().signedOutTitle(), msg().signedOutText());
    }

    // ------------------------------------------------------------------ not found

    /** Any other address under /respond (but the style sheet and script) gets a page, not a bare 404. */
    @GET
    @Path("{other: (?!assets/)(?!" + UUID_PATTERN + "$).+}")
    public Response notFound() {
        return problem(404, RespondCookies.ROOT + "/", msg().notFoundTitle(), msg().notFoundText());
    }

    // ------------------------------------------------------------------ helpers

    private Response render(int status, AnswerPages.Round round, List<Field> fields, Csrf form, String notice,
            boolean invalid, String conflict, String version, boolean account) {
        String html = language.render(Templates.round(new Layout("", round.assessment().title), form,
                view(round, version), fields, notice, invalid, conflict, account));
        return page(status, html).build();
    }

    private RoundView view(AnswerPages.Round round, String version) {
        Assessment assessment = round.assessment();
        String state = round.response().map(response -> switch (response.status()) {
            case SUBMITTED -> msg().statusSubmitted();
            default -> msg().statusDraft();
        }).orElse(msg().statusNone());
        return new RoundView(assessment.id.toString(), assessment.title, assessment.closesAt.toString(),
                language.dateTime(assessment.closesAt), state, round.response().isPresent(), version);
    }

    private static String version(AnswerPages.Round round) {
        return round.version().orElse("");
    }

    private RespondMessages msg() {
        return language.msg();
    }

    private Response notAnswerable(Assessment assessment) {
        if (assessment.status == AssessmentStatus.DRAFT) {
            return problem(409, "", msg().notOpenTitle(), msg().notOpenText());
        }
        Instant closed = assessment.closedAt != null ? assessment.closedAt : assessment.closesAt;
        return problem(410, "", msg().closedTitle(), msg().closedText() + " (" + msg().closedAt() + ": "
                + language.dateTime(closed) + ")");
    }

    private String notice(String done) {
        if (done == null) {
            return "";
        }
        return switch (done) {
            case "saved" -> msg().noticeSaved();
            case "submitted" -> msg().noticeSubmitted();
            case "withdrawn" -> msg().noticeWithdrawn();
            default -> "";
        };
    }

    /**
     * Reads the identity (quarkus-oidc verifies a respondent credential, or the page's session, when it is first read).
     * quarkus-oidc's own redirects (back from Keycloak without the code, to Keycloak's logout) pass through as they are.
     */
    private Visitor visitor() {
        try {
            if (identity.isAnonymous()) {
                return Visitor.NOBODY;
            }
            if (identity.hasRole(Roles.RESPONDENT)) {
                return Visitor.RESPONDENT;
            }
            if (KeycloakWebConfig.TENANT.equals(identity.getAttribute(OIDC_TENANT_ATTRIBUTE))) {
                return ACCOUNT_ROLES.stream().anyMatch(identity::hasRole) ? Visitor.ACCOUNT
                        : Visitor.ACCOUNT_WITHOUT_ACCESS;
            }
            return Visitor.NOBODY;
        } catch (AuthenticationRedirectException e) {
            throw e;
        } catch (RuntimeException e) { // did not verify: expired, forged, tampered, or its tenant unknown or disabled
            // Only the kinds of failure, never a message (it could quote a token's content).
            LOG.debugf("A page's credential or session was refused: %s (cause %s)", e.getClass().getName(),
                    e.getCause() == null ? "none" : e.getCause().getClass().getName());
            return DatabaseFailures.unavailable(e) ? Visitor.UNAVAILABLE : Visitor.REFUSED;
        }
    }

    /** The caller may answer here (a respondent credential, or a signed-in account); otherwise the page that says how. */
    private Optional<Response> requireAnswerer(Visitor visitor) {
        return switch (visitor) {
            case RESPONDENT, ACCOUNT -> Optional.empty();
            case UNAVAILABLE -> Optional.of(problem(503, "", msg().unavailableTitle(), msg().unavailableText()));
            case ACCOUNT_WITHOUT_ACCESS -> Optional.of(problem(403, "", msg().accountNoAccessTitle(),
                    msg().accountNoAccessText()));
            default -> Optional.of(signIn
                    ? problem(403, "", msg().noCredentialTitle(), msg().noCredentialText() + " " + msg().orSignIn(), "mine",
                            msg().signInLink())
                    : problem(403, "", msg().noCredentialTitle(), msg().noCredentialText()));
        };
    }

    /** A round of the respondent credential's or, signed in, of the member's account. */
    private AnswerPages.Round round(UUID assessmentId, boolean account) {
        if (!account) {
            return pages.round(assessmentId);
        }
        try {
            return pages.accountRound(assessmentId);
        } catch (ProblemException e) {
            if (e.type() == ProblemType.CONFLICT) {
                throw new SeatClaimedByCode();
            }
            throw e;
        }
    }

    /** The member's seat in this round was claimed with an invitation code: their account never opens it. */
    private static final class SeatClaimedByCode extends RuntimeException {
        SeatClaimedByCode() {
            super(null, null, false, false);
        }
    }

    private Response claimedByCode() {
        return problem(409, "", msg().claimedByCodeTitle(), msg().claimedByCodeText(), "mine", msg().mineLink());
    }

    private MineView mineView(MyAssessment item) {
        String status = switch (item.response()) {
            case DRAFT -> msg().statusDraft();
            case SUBMITTED -> msg().statusSubmitted();
            case CLAIMED_BY_CODE -> msg().mineClaimedByCode();
            default -> msg().statusNone();
        };
        return new MineView(item.id().toString(), item.title(), item.closesAt().toString(),
                language.dateTime(item.closesAt()), status,
                item.response() == MyResponseStatus.CLAIMED_BY_CODE);
    }

    private Response signInPage(int status, String heading, String text) {
        String html = language.render(Templates.problem(new Layout("", heading), heading, text, "login",
                msg().signInLink()));
        return page(status, html).build();
    }

    /** quarkus-oidc's challenge for this request's tenant, as its own exception mapper would send it. */
    private Response challenge(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        try {
            ChallengeData challenge = authenticator.getChallenge(context).await().indefinitely();
            Response.ResponseBuilder redirect = Response.status(challenge.status);
            challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
            return redirect.build();
        } catch (RuntimeException e) {
            return problem(503, "", msg().unavailableTitle(), msg().unavailableText());
        }
    }


    private Response problem(ProblemException e) {
        return switch (e.type()) {
            // The credential is another round's (the API's 403): to this round, the browser holds none.
            case FORBIDDEN -> problem(403, "", msg().noCredentialTitle(), msg().noCredentialText());
            case NOT_FOUND -> problem(404, "", msg().notFoundTitle(), msg().notFoundText());
            case CONFLICT -> problem(409, "", msg().closedTitle(), msg().closedText());
            case UNAVAILABLE -> problem(503, "", msg().unavailableTitle(), msg().unavailableText());
            default -> problem(400, "", msg().formRefusedTitle(), msg().formRefusedText());
        };
    }

    Response problem(int status, String base, String heading, String text) {
        return problem(status, base, heading, text, "", "");
    }

    private Response problem(int status, String base, String heading, String text, String link, String linkText) {
        String html = language.render(Templates.problem(new Layout(base, heading), heading, text, link, linkText));
        return page(status, html).build();
    }

    private Csrf csrf(String fallback) {
        return new Csrf(csrf.getParameterName(), csrfToken(fallback).orElse(""));
    }

    /** The form token: made or verified by the CSRF filter for this request, else the one the browser holds. */
    private Optional<String> csrfToken(String cookie) {
        try {
            return Optional.of(csrf.getToken());
        } catch (IllegalStateException e) {
            return Optional.ofNullable(cookie).filter(value -> !value.isBlank());
        }
    }

    private boolean secure(HttpServerRequest request) {
        return publicUrlIsHttps || "https".equalsIgnoreCase(request.scheme());
    }

    static Response.ResponseBuilder page(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html);
    }

    /** A relative Location, resolved by the browser against the page's own address (whatever proxy is in front). */
    private static Response.ResponseBuilder seeOther(String relative) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", relative);
    }
}
