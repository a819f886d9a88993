package app.asynchealth.charter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.charter.CharterRepresentations.CharterVersionSummary;
import app.asynchealth.charter.CharterRepresentations.CharterView;
import app.asynchealth.charter.CharterRepresentations.CoverageView;
import app.asynchealth.platform.problem.Problem;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.Team;
import app.asynchealth.team.TeamAccess;

/**
 * A team's communication charter: read by whoever sees the team, written by its lead or a tenant admin, one new
 * version per change. A change must name the version it is based on (If-Match), so that two people editing the same
 * charter cannot silently overwrite each other.
 */
@ApplicationScoped
@Transactional
public class CharterService {

    static final String VERSIONS = "charter-versions";

    /** What a write made: the new version, and whether it was the team's first. */
    public record Written(Versioned<CharterView> charter, boolean first) {
    }

    private final CharterVersionRepository charters;
    private final TeamAccess access;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;
    private final Event<CharterChanged> changed;
    private final List<Benchmark> reportFigures;

    CharterService(CharterVersionRepository charters, TeamAccess access, Caller caller, Pagination pagination,
            Clock clock, Event<CharterChanged> changed, BenchmarkDataset benchmarks) {
        this.charters = charters;
        this.access = access;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
        this.changed = changed;
        this.reportFigures = CharterCoverage.REPORT_FIGURES.stream().map(benchmarks::benchmark).toList();
    }

    public Versioned<CharterView> latest(UUID teamId) {
        access.readable(teamId);
        return view(latestOf(teamId));
    }

    public Versioned<CharterView> version(UUID teamId, int version) {
        access.readable(teamId);
        return view(versionOf(teamId, version));
    }

    /** The Markdown rendering of a version, the latest when {@code version} is null. */
    public Versioned<String> markdown(UUID teamId, Integer version) {
        Team team = access.readable(teamId);
        CharterVersion charter = version == null ? latestOf(teamId) : versionOf(teamId, version);
        return new Versioned<>(CharterMarkdown.render(team.name, charter.version, charter.createdAt, charter.content),
                charter.version);
    }

    public Versioned<CoverageView> coverage(UUID teamId) {
        access.readable(teamId);
        CharterVersion charter = latestOf(teamId);
        return new Versioned<>(coverageOf(charter.content), charter.version);
    }

    public Page<CharterVersionSummary> versions(UUID teamId, PageRequest request) {
        access.readable(teamId);
        return pagination.page(list(teamId), request, charters.page(teamId, request),
                charter -> Integer.toString(charter.version),
                charter -> new CharterVersionSummary(charter.version, charter.author, charter.createdAt,
                        CharterCoverage.of(charter.content, reportFigures).score()));
    }

    /** The list's name carries the team, so that a cursor of one team's versions is refused for another's. */
    static String list(UUID teamId) {
        return VERSIONS + ":" + teamId;
    }

    /**
     * Writes the next version. The first needs no precondition (or {@code If-None-Match: *}); a change needs
     * {@code If-Match} with the current version's ETag: 428 without it, 412 when it is stale.
     */
    public Written write(UUID teamId, CharterContent content, String ifMatch, String ifNoneMatch) {
        access.manageable(teamId);
        List<CharterRules.Violation> violations = CharterRules.violations(content);
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The charter is not valid.", violations.stream()
                    .map(violation -> new Problem.FieldError(violation.field(), violation.message())).toList());
        }
        charters.lockTeamCharter(teamId);
        Optional<CharterVersion> current = charters.latest(teamId);
        if (current.isPresent()) {
            if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "The team already has a charter (If-None-Match); change it with If-Match and its ETag.");
            }
            EntityTags.requireCurrent(ifMatch, current.get().version);
        } else if (ifMatch != null && !ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "The team has no charter yet, so If-Match cannot match; write the first version without it.");
        }
        CharterVersion next = new CharterVersion();
        next.teamId = teamId;
        next.version = current.map(charter -> charter.version + 1).orElse(1);
        next.content = content;
        next.author = caller.subject();
        Instant now = clock.instant();
        // Never earlier than the version it replaces (clocks of replicas differ): "in effect at T" stays well-defined.
        next.createdAt = current.map(charter -> charter.createdAt).filter(now::isBefore).orElse(now);
        charters.persistAndFlush(next);
        Versioned<CharterView> view = view(next);
        changed.fire(new CharterChanged(next.tenantId, teamId, next.version, next.author,
                view.body().coverage().score(), next.createdAt));
        return new Written(view, current.isEmpty());
    }

    private CharterVersion latestOf(UUID teamId) {
        return charters.latest(teamId)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "The team has no charter yet."));
    }

    private CharterVersion versionOf(UUID teamId, int version) {
        return charters.version(teamId, version).orElseThrow(() -> ProblemException.notFound("Charter version"));
    }

    private Versioned<CharterView> view(CharterVersion charter) {
        return new Versioned<>(CharterView.of(charter, coverageOf(charter.content)), charter.version);
    }

    private CoverageView coverageOf(CharterContent content) {
        return CoverageView.of(CharterCoverage.of(content, reportFigures));
    }
}
