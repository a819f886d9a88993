package app.asynchealth.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.scoring.core.ScoringModel;

/** The scoring models, one per built-in template version, checked against their template and the benchmark data. */
@Singleton
public class ScoringModels {

    static final List<String> FILES = List.of("scoring/async-health-v1.json");

    private final List<ScoringModel> models;

    ScoringModels(BuiltInTemplates templates, BenchmarkDataset benchmarks) {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<ScoringModel> loaded = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
                ScoringModel model = json.readValue(in, ScoringModel.class);
                List<String> problems = violations(model, templates, benchmarks);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("scoring model " + file + " is invalid: " + problems);
                }
                loaded.add(model);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        this.models = List.copyOf(loaded);
    }

    /** Every dimension any model scores, in the models' order. */
    public List<String> dimensionKeys() {
        return models.stream().flatMap(model -> model.dimensions().keySet().stream()).distinct().toList();
    }

    /** The model of the built-in template, whose levels every tenant template shares. */
    public ScoringModel builtIn() {
        return models.get(0);
    }

    public static ScoringModels load() {
        return new ScoringModels(BuiltInTemplates.load(), BenchmarkDataset.load());
    }

    /** The model for a template version; a tenant template is scored by the model of the built-in it derives from. */
    public Optional<ScoringModel> forTemplate(TemplateDefinition template) {
        TemplateDefinition.TemplateRef ref = template.basedOn() != null ? template.basedOn() : template.ref();
        return models.stream().filter(model -> model.template().key().equals(ref.key())
                && model.template().version() == ref.version()).findFirst();
    }

    static List<String> violations(ScoringModel model, BuiltInTemplates templates, BenchmarkDataset benchmarks) {
        List<String> problems = new ArrayList<>();
        TemplateDefinition template = templates.find(model.template().key(), model.template().version()).orElse(null);
        if (template == null) {
            return List.of("no template " + model.template());
        }
        model.questions().forEach((key, scoring) -> {
            var question = template.question(key);
            if (question.isEmpty() || !question.get().scored() || !question.get().dimension().equals(scoring.dimension())) {
                problems.add(key + ": not a scored question of that dimension in the template");
            }
        });
        template.questions().stream().filter(TemplateDefinition.Question::scored)
                .filter(question -> !model.questions().containsKey(question.key()))
                .forEach(question -> problems.add(question.key() + ": scored in the template but not by the model"));
        model.metrics().forEach(metric -> {
            for (ScoringModel.BenchmarkChoice choice : metric.benchmarks()) {
                if (benchmarks.figure(choice.figure()).isEmpty()) {
                    problems.add(metric.key() + ": unknown benchmark " + choice.figure());
                }
                if (choice.segment() != null && !model.segments().containsKey(choice.segment())) {
                    problems.add(metric.key() + ": unknown segment " + choice.segment());
                    continue;
                }
                // Like for like: the figure describes exactly the population the segment stands for.
                String population = choice.segment() == null ? "all-respondents"
                        : model.segments().get(choice.segment()).population();
                benchmarks.figure(choice.figure()).filter(figure -> !figure.population().equals(population))
                        .ifPresent(figure -> problems.add(metric.key() + ": " + figure.key() + " describes "
                                + figure.population() + ", not " + population));
            }
            if (metric.context() != null) {
                metric.context().stream().filter(key -> benchmarks.figure(key).isEmpty())
                        .forEach(key -> problems.add(metric.key() + ": unknown context figure " + key));
            }
            if (template.question(metric.question()).isEmpty()) {
                problems.add(metric.key() + ": unknown question " + metric.question());
            }
            if ("mean".equals(metric.kind()) && (metric.range() == null || metric.range().size() != 2)) {
                problems.add(metric.key() + ": a mean needs the range of its question");
            }
        });
        model.segments().forEach((key, rule) -> {
            if (rule.question() != null && template.question(rule.question()).isEmpty()) {
                problems.add("segment " + key + ": unknown question " + rule.question());
            }
        });
        template.dimensions().stream().filter(dimension -> model.dimensions().get(dimension.key()) == null
                || model.dimensions().get(dimension.key()).size() != model.levels().size())
                .forEach(dimension -> problems.add(dimension.key() + ": needs one description per level"));
        return problems;
    }
}
