package app.asynchealth.assessment.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.template.TemplateDefinition.Question;
import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;
import app.asynchealth.assessment.template.TemplateRepresentations.NewQuestion;
import app.asynchealth.assessment.template.TemplateRepresentations.NewTemplateVersion;
import app.asynchealth.assessment.template.TemplateRepresentations.TemplateSummary;
import app.asynchealth.platform.problem.Problem;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;

/** The templates a tenant can use: the built-in ones and its own derived versions. */
@ApplicationScoped
@Transactional
public class TemplateService {

    static final String LIST = "templates";

    private final BuiltInTemplates builtIn;
    private final TemplateVersionRepository tenantTemplates;
    private final Pagination pagination;

    TemplateService(BuiltInTemplates builtIn, TemplateVersionRepository tenantTemplates, Pagination pagination) {
        this.builtIn = builtIn;
        this.tenantTemplates = tenantTemplates;
        this.pagination = pagination;
    }

    public TemplateDefinition get(String key, int version) {
        return builtIn.find(key, version)
                .or(() -> tenantTemplates.find(key, version).map(template -> template.definition))
                .orElseThrow(() -> ProblemException.notFound("Template version"));
    }

    /** The template an assessment names, or the latest built-in async-health template when it names none. */
    public TemplateDefinition resolve(TemplateRef ref, String field) {
        if (ref == null) {
            return builtIn.latest("async-health").orElseThrow();
        }
        if (ref.key() == null || ref.version() == null) {
            throw ProblemException.invalid(field, "names a template key and version");
        }
        return builtIn.find(ref.key(), ref.version())
                .or(() -> tenantTemplates.find(ref.key(), ref.version()).map(template -> template.definition))
                .orElseThrow(() -> ProblemException.invalid(field, "no such template version"));
    }

    public Page<TemplateSummary> list(PageRequest request) {
        List<TemplateSummary> all = new ArrayList<>();
        builtIn.all().forEach(template -> all.add(TemplateSummary.of(template, true)));
        tenantTemplates.all().forEach(template -> all.add(TemplateSummary.of(template.definition, false)));
        all.sort(Comparator.comparing(TemplateService::sortKey));
        List<TemplateSummary> after = all.stream()
                .filter(summary -> request.after().map(cursor -> sortKey(summary).compareTo(cursor) > 0).orElse(true))
                .limit(request.fetchSize()).toList();
        return pagination.page(LIST, request, after, TemplateService::sortKey, summary -> summary);
    }

    public TemplateDefinition derive(NewTemplateVersion request) {
        if (builtIn.isBuiltInKey(request.key())) {
            throw ProblemException.invalid("key", "is the key of a built-in template; choose your own");
        }
        TemplateDefinition base = builtIn.find(request.basedOn().key(),
                request.basedOn().version() == null ? -1 : request.basedOn().version())
                .orElseThrow(() -> ProblemException.invalid("basedOn", "must name a built-in template version"));
        Set<String> omitted = request.omitQuestions() == null ? Set.of() : Set.copyOf(request.omitQuestions());
        for (String key : omitted) {
            if (base.question(key).isEmpty()) {
                throw ProblemException.invalid("omitQuestions", "'" + key + "' is not a question of " + base.key());
            }
        }
        List<Question> questions = new ArrayList<>(base.questions().stream()
                .filter(question -> !omitted.contains(question.key())).toList());
        List<NewQuestion> custom = request.customQuestions() == null ? List.of() : request.customQuestions();
        for (int i = 0; i < custom.size(); i++) {
            Question question = custom.get(i).toQuestion();
            if (question.scored() || question.benchmarks() != null) {
                throw ProblemException.invalid("customQuestions[" + i + "].scored",
                        "your own questions are not scored: the report has no figure to compare them with");
            }
            questions.add(question);
        }
        int version = tenantTemplates.latestVersion(request.key()) + 1;
        TemplateDefinition definition = new TemplateDefinition(request.key(), version, request.title().strip(),
                request.description(), base.source(), base.ref(), base.dimensions(), List.copyOf(questions));
        List<String> problems = TemplateRules.violations(definition);
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The template is not valid.",
                    problems.stream().map(message -> new Problem.FieldError("customQuestions", message)).toList());
        }
        TemplateVersion entity = new TemplateVersion();
        entity.key = definition.key();
        entity.templateVersion = version;
        entity.definition = definition;
        tenantTemplates.persistAndFlush(entity);
        return definition;
    }

    private static String sortKey(TemplateSummary summary) {
        return summary.key() + "/" + String.format("%06d", summary.version());
    }
}
