package app.asynchealth.bench.harness;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.asynchealth.bench.harness.ServiceBenchmark.Figure;

/**
 * The answer page's figures (issue 24, "Speed"): (f) {@code GET /respond/{assessmentId}}, the round's page with its
 * questions, and (g) the page's form saving a full draft against the API's {@code PUT .../response} saving the same
 * draft, at the same fixed rate, over the same seats.
 *
 * <p>Every seat is claimed as a browser claims it: {@code GET /respond?code=} (the start page: a claim-key cookie and
 * a CSRF cookie, the form token in the page), {@code POST /respond/claim} with the code and the form token (303 and
 * the respondent credential's cookie, scoped to {@code /respond/{id}}), then the round's page the redirect leads to,
 * then one draft saved through the form, as a member who answered once and comes back. The load then sends what that
 * browser would send: its cookies (claim key, CSRF token, credential) and, for the form, the form token. The API's
 * requests carry the same seat's credential as a bearer token, as an app would.
 */
final class AnswerPageBench {

    static final String QUESTIONS_PATH = "/api/v1/templates/async-health/versions/1";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern VERSION_FIELD = Pattern.compile("name=\"version\" value=\"([0-9]*)\"");
    private static final Pattern PATH_ATTRIBUTE = Pattern.compile("(?i);\\s*path=([^;]*)");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One member's browser on one round: its cookies and the form token its page holds. */
    /** A browser's seat; {@code version}: the version of its saved draft, which its page's form sends back (two tabs). */
    record Seat(int index, String assessment, String cookies, String csrfToken, String credential, String version) {

        Seat withVersion(String saved) {
            return new Seat(index, assessment, cookies, csrfToken, credential, saved);
        }
    }

    private final HttpClient client;
    private final ServiceApi api;
    private final Settings settings;
    private final ServiceProcess service;
    private final List<String> questionKeys;
    private final List<Seat> seats = Collections.synchronizedList(new ArrayList<>());

    AnswerPageBench(HttpClient client, ServiceApi api, Settings settings, ServiceProcess service, String admin) {
        this.client = client;
        this.api = api;
        this.settings = settings;
        this.service = service;
        List<String> keys = new ArrayList<>();
        api.getJson(QUESTIONS_PATH, admin).get("questions").forEach(question -> keys.add(question.get("key").asText()));
        this.questionKeys = List.copyOf(keys);
    }

    // ------------------------------------------------------------------------------------------------ seats

    /**
     * Claims every code through the page (each on its own browser, four browsers at a time) and saves one draft per
     * seat through the form; {@code codes} are {assessment, code} pairs.
     */
    Map<String, Object> claimThroughPage(List<String[]> codes) throws Exception {
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Seat>> claimed = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                int index = i;
                claimed.add(pool.submit(() -> claim(index, codes.get(index)[0], codes.get(index)[1])));
            }
            for (Future<Seat> future : claimed) {
                seats.add(future.get());
            }
        } finally {
            pool.shutdown();
        }
        seats.sort(Comparator.comparingInt(Seat::index));
        double seconds = (System.nanoTime() - begin) / 1e9;
        ServiceBenchmark.log("(f) %,d seats claimed through the page (start page, claim, round's page, one draft saved"
                + " by the form: 4 requests each) in %.1f s", seats.size(), seconds);
        return Settings.ordered("seats", seats.size(), "claimedThrough", "the page (GET /respond?code=, POST "
                + "/respond/claim, GET /respond/{id}, POST /respond/{id} action=save)", "seconds", Load.round(seconds));
    }

    /** One member's browser: the start page, Start, the round's page, one draft saved. */
    private Seat claim(int index, String assessment, String code) {
        Map<String, String[]> jar = new LinkedHashMap<>(); // name -> {value, path}
        HttpResponse<String> start = send(HttpRequest.newBuilder(api.uri("/respond?code=" + encode(code)))
                .header("Accept", "text/html").timeout(TIMEOUT).GET(), jar, "/respond", 200);
        String token = csrfField(start.body());
        HttpResponse<String> claim = send(form(api.uri("/respond/claim"), "code=" + encode(code) + "&csrf-token="
                + encode(token)), jar, "/respond/claim", 303);
        String location = claim.headers().firstValue("Location").orElse("");
        if (!location.equals(assessment)) {
            throw new IllegalStateException("claim through the page: 303 to " + location + ", expected " + assessment);
        }
        String round = "/respond/" + assessment;
        String[] credential = jar.get("ah-respondent");
        if (credential == null || !credential[1].equals(round)) {
            throw new IllegalStateException("claim through the page: no credential cookie for " + round + ": " + jar);
        }
        HttpResponse<String> page = send(HttpRequest.newBuilder(api.uri(round)).header("Accept", "text/html")
                .timeout(TIMEOUT).GET(), jar, round, 200);
        String missing = missingQuestion(page.body());
        if (missing != null) {
            throw new IllegalStateException("the round's page lacks " + missing);
        }
        Seat seat = new Seat(index, assessment, cookieHeader(jar, round), csrfField(page.body()), credential[0], "");
        HttpResponse<String> saved = client(formSave(seat));
        if (saved.statusCode() != 303) {
            throw new IllegalStateException("first draft through the form: " + saved.statusCode() + " " + saved.body());
        }
        // The page the browser is sent back to carries the draft's version; its next save sends it (If-Match). The
        // same draft saved again keeps that version, through the form and through the API alike.
        HttpResponse<String> after = client(page(seat));
        Matcher version = VERSION_FIELD.matcher(after.body());
        if (after.statusCode() != 200 || !version.find() || version.group(1).isEmpty()) {
            throw new IllegalStateException("the round's page after the first draft carries no version");
        }
        return seat.withVersion(version.group(1));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, Map<String, String[]> jar, String path,
            int expected) {
        String cookies = cookieHeader(jar, path);
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        HttpResponse<String> response = client(builder.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " (expected " + expected + "): "
                    + response.body());
        }
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            Matcher attribute = PATH_ATTRIBUTE.matcher(header);
            jar.put(pair.substring(0, equals).strip(), new String[] {pair.substring(equals + 1).strip(),
                    attribute.find() ? attribute.group(1).strip() : "/"});
        }
        return response;
    }

    private HttpResponse<String> client(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        }
    }

    /** The cookies a browser sends to {@code path}: those whose path is it or above it, the longer path first. */
    private static String cookieHeader(Map<String, String[]> jar, String path) {
        List<Map.Entry<String, String[]>> sent = new ArrayList<>();
        for (Map.Entry<String, String[]> cookie : jar.entrySet()) {
            String cookiePath = cookie.getValue()[1];
            if (path.equals(cookiePath) || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/")) {
                sent.add(cookie);
            }
        }
        sent.sort(Comparator.comparingInt((Map.Entry<String, String[]> cookie) -> -cookie.getValue()[1].length()));
        StringBuilder header = new StringBuilder();
        for (Map.Entry<String, String[]> cookie : sent) {
            header.append(header.isEmpty() ? "" : "; ").append(cookie.getKey()).append('=').append(cookie.getValue()[0]);
        }
        return header.toString();
    }

    private static String csrfField(String html) {
        Matcher matcher = CSRF_FIELD.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no form token in the page");
        }
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder form(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    // ------------------------------------------------------------------------------------------------ requests

    /**
     * The seat's full draft: the 17 answers of (a) ({@code AnsweringWalkthroughTest.answers}, varied by the seat),
     * plus the template's four optional questions (one a multi-choice of two), so every question is answered.
     */
    ObjectNode answers(int index) {
        try {
            ObjectNode update = (ObjectNode) ServiceApi.JSON.readTree(ServiceApi.answers(index));
            ObjectNode answers = (ObjectNode) update.get("answers");
            answers.put("after-hours-reason", "personal-choice");
            answers.put("async-appetite", "more");
            answers.put("async-productivity", "increases");
            answers.putArray("async-channels").add("written-docs").add("chat");
            update.put("submitted", false);
            return update;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the page's form sends for the same draft, fields in the page's order: token, questions, the button. */
    String formBody(Seat seat) {
        JsonNode answers = answers(seat.index()).get("answers");
        StringBuilder body = new StringBuilder("csrf-token=").append(encode(seat.csrfToken()));
        for (String key : questionKeys) {
            JsonNode answer = answers.get(key);
            if (answer == null) {
                continue;
            }
            Iterator<JsonNode> values = answer.isArray() ? answer.elements() : List.of(answer).iterator();
            while (values.hasNext()) {
                body.append("&q.").append(encode(key)).append('=').append(encode(values.next().asText()));
            }
        }
        return body.append("&version=").append(seat.version()).append("&action=save").toString();
    }

    HttpRequest page(Seat seat) {
        return HttpRequest.newBuilder(api.uri("/respond/" + seat.assessment())).header("Accept", "text/html")
                .header("Cookie", seat.cookies()).timeout(TIMEOUT).GET().build();
    }

    HttpRequest formSave(Seat seat) {
        return form(api.uri("/respond/" + seat.assessment()), formBody(seat)).header("Cookie", seat.cookies()).build();
    }

    HttpRequest apiSave(Seat seat) {
        try {
            return HttpRequest.newBuilder(api.uri("/api/v1/assessments/" + seat.assessment() + "/response"))
                    .header("Authorization", "Bearer " + seat.credential()).header("Content-Type", "application/json")
                    .header("Accept", "application/json").timeout(TIMEOUT)
                    .PUT(HttpRequest.BodyPublishers.ofString(ServiceApi.JSON.writeValueAsString(answers(seat.index()))))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first question whose field the page lacks (or its form token), or null when it has them all. */
    String missingQuestion(String html) {
        if (!html.contains("name=\"csrf-token\"")) {
            return "the form token";
        }
        for (String key : questionKeys) {
            if (!html.contains("name=\"q." + key + "\"")) {
                return "question " + key;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ runs

    /** Requests prepared per seat (so that making them costs nothing during a run), in one shuffled seat order. */
    private List<HttpRequest> prepared(Function<Seat, HttpRequest> request) {
        List<Seat> order = new ArrayList<>(seats);
        Collections.shuffle(order, new Random(24));
        return order.stream().map(request).toList();
    }

    private final Function<HttpResponse<String>, String> pageCheck = response -> {
        String missing = missingQuestion(response.body());
        return missing == null ? null : "page without " + missing;
    };
    private static final Function<HttpResponse<String>, String> FORM_CHECK = response -> response.headers()
            .firstValue("Location").filter(location -> location.endsWith("?done=saved")).isPresent() ? null
                    : "303 not to ?done=saved";
    private static final Function<HttpResponse<String>, String> API_CHECK = response -> response.body()
            .contains("\"draft\"") ? null : "200 not a draft";

    /** Closed loops of two clients over the three requests, so that neither route meets a cold JIT in its run. */
    Map<String, Object> warmUp() throws InterruptedException {
        Load load = new Load(client, TIMEOUT);
        Duration each = settings.warmUp().dividedBy(3);
        Map<String, Object> warm = new LinkedHashMap<>();
        Map<String, Function<Seat, HttpRequest>> kinds = new LinkedHashMap<>();
        kinds.put("page", this::page);
        kinds.put("form", this::formSave);
        kinds.put("api", this::apiSave);
        for (Map.Entry<String, Function<Seat, HttpRequest>> kind : kinds.entrySet()) {
            List<HttpRequest> requests = prepared(kind.getValue());
            int expected = kind.getKey().equals("page") ? 200 : kind.getKey().equals("form") ? 303 : 200;
            Load.Result result = load.closedLoop(kind.getKey() + " warm-up", 2, each, expected,
                    i -> requests.get((int) (i % requests.size())));
            ServiceBenchmark.log("(f/g) warm-up: %s", result.summary());
            warm.put(kind.getKey(), result.describe());
        }
        return warm;
    }

    private Load.Result fixedRate(String name, List<HttpRequest> requests, Duration duration, int expected,
            Function<HttpResponse<String>, String> check, Map<String, Object> cpu) {
        Load load = new Load(client, TIMEOUT);
        ServiceProcess.CpuTimes before = service.cpu();
        Load.Result result = load.fixedRate(name, settings.pageRate(), duration, settings.maxInFlight(), expected,
                i -> requests.get((int) (i % requests.size())), check);
        cpu.put(name, service.cpu().perUnitSince(before, Math.max(1, result.sent())));
        ServiceBenchmark.log("(f/g) %s; CPU per request %s", result.summary(), cpu.get(name));
        return result;
    }

    /** (f), then (g) in four runs of half the duration each, form-API-API-form, so linear drift favours neither. */
    void measure(List<Figure> figures, Map<String, Object> details, Map<String, Object> setup) throws Exception {
        Map<String, Object> cpu = new LinkedHashMap<>();
        Map<String, Object> loadAverages = new LinkedHashMap<>();
        loadAverages.put("before", ServiceBenchmark.loadAverage());
        Load.Result get = fixedRate("answer page GET", prepared(this::page), settings.pageDuration(), 200, pageCheck,
                cpu);
        loadAverages.put("afterPageGet", ServiceBenchmark.loadAverage());

        List<HttpRequest> forms = prepared(this::formSave);
        List<HttpRequest> puts = prepared(this::apiSave);
        Duration half = settings.pageDuration().dividedBy(2);
        List<Load.Result> formRuns = new ArrayList<>();
        List<Load.Result> apiRuns = new ArrayList<>();
        formRuns.add(fixedRate("form save, half 1", forms, half, 303, FORM_CHECK, cpu));
        apiRuns.add(fixedRate("API save, half 1", puts, half, 200, API_CHECK, cpu));
        apiRuns.add(fixedRate("API save, half 2", puts, half, 200, API_CHECK, cpu));
        formRuns.add(fixedRate("form save, half 2", forms, half, 303, FORM_CHECK, cpu));
        loadAverages.put("after", ServiceBenchmark.loadAverage());
        Load.Result form = Load.merge("form save (POST /respond/{id}, action=save)", formRuns);
        Load.Result api = Load.merge("API save (PUT /api/v1/assessments/{id}/response)", apiRuns);
        ServiceBenchmark.log("(g) %s", form.summary());
        ServiceBenchmark.log("(g) %s", api.summary());

        double ratio = form.percentileMs(99) / api.percentileMs(99);
        long errors = get.errors() + form.errors() + api.errors();
        boolean complete = !get.exhausted() && !form.exhausted() && !api.exhausted();
        figures.add(new Figure("page.get", String.format("(f) answer page GET, %.0f/s for %d s", settings.pageRate(),
                settings.pageDuration().toSeconds()), percentiles(get), "p99 ≤ 20 ms",
                get.percentileMs(99) <= 20 && get.errors() == 0 && complete,
                String.format("%,d seats claimed through the page, each with a saved draft; 200 with every question",
                        seats.size())));
        String halves = String.format("2 × %s s", Load.round(half.toMillis() / 1000.0)).replace(".0 s", " s");
        figures.add(new Figure("page.formSave", String.format("(g) form save (POST, 303), %.0f/s, %s",
                settings.pageRate(), halves), percentiles(form), "", null,
                "21 answers, action=save, the browser's cookies and form token"));
        figures.add(new Figure("page.apiSave", String.format("(g) API save (PUT, 200), %.0f/s, %s",
                settings.pageRate(), halves), percentiles(api), "", null,
                "the same 21 answers as JSON, the same seats, bearer credential; runs form-API-API-form"));
        figures.add(new Figure("page.formApiRatio", "(g) form save / API save, p99",
                String.format("%.2f×", ratio), "≤ 1.2×", errors == 0 && complete ? ratio <= 1.2 : null, ""));
        figures.add(new Figure("page.errors", "(f), (g) errors (all runs above)", String.valueOf(errors), "0",
                errors == 0, ""));

        Map<String, Object> page = new LinkedHashMap<>(setup);
        page.put("questions", questionKeys.size());
        page.put("pageGet", get.describe());
        page.put("formSave", form.describe());
        page.put("apiSave", api.describe());
        page.put("runs", List.of(formRuns.get(0).describe(), apiRuns.get(0).describe(), apiRuns.get(1).describe(),
                formRuns.get(1).describe()));
        page.put("ratioFormToApiP99", Load.round(ratio));
        page.put("errors", errors);
        page.put("cpuPerRequest", cpu);
        page.put("loadAverage", loadAverages);
        page.put("formBodyBytes", formBody(seats.get(0)).length());
        page.put("pageBodyBytes", client(page(seats.get(0))).body().getBytes(StandardCharsets.UTF_8).length);
        details.put("answerPage", page);
    }

    private static String percentiles(Load.Result result) {
        return String.format("p50 %.1f / p99 %.1f / p99.9 %.1f ms", result.percentileMs(50), result.percentileMs(99),
                result.percentileMs(99.9));
    }
}
