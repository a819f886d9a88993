package app.asynchealth.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateDefinition.Question;
import app.asynchealth.report.svg.RadarChart.Ring;
import app.asynchealth.scoring.ScoringModels;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;

/**
 * The words and numbers a picture needs besides the profile's own: the dimensions' names and order, the level bands
 * (every template shares the built-in model's levels), each metric's unit, and one way of writing numbers (one decimal,
 * Locale.ROOT, so that a picture is the same on every machine).
 */
@Singleton
public class Vocabulary {

    private final Map<String, String> dimensionNames = new LinkedHashMap<>();
    private final Map<String, String> metricUnits = new LinkedHashMap<>();
    private final List<Ring> levels;

    Vocabulary(BuiltInTemplates templates, ScoringModels models) {
        ScoringModel model = models.builtIn();
        TemplateDefinition template = templates.find(model.template().key(), model.template().version()).orElseThrow();
        template.dimensions().forEach(d -> dimensionNames.put(d.key(), d.name()));
        model.dimensions().keySet().forEach(key -> dimensionNames.putIfAbsent(key, key));
        for (MetricDefinition metric : model.metrics()) {
            Question question = template.question(metric.question()).orElse(null);
            metricUnits.put(metric.key(), !"mean".equals(metric.kind()) || question == null || question.unit() == null
                    ? "%" : " " + shortUnit(question.unit()));
        }
        levels = model.levels().stream().map(band -> new Ring(band.level(), band.minScore(), band.name())).toList();
    }

    public static Vocabulary load() {
        return new Vocabulary(BuiltInTemplates.load(), ScoringModels.load());
    }

    private static String shortUnit(String unit) {
        return unit.equals("hours per week") ? "h/week" : unit;
    }

    /** The dimensions in the model's order (a suppressed profile lists none of its own). */
    public List<String> dimensionKeys() {
        return List.copyOf(dimensionNames.keySet());
    }

    public String dimensionName(String key) {
        return dimensionNames.getOrDefault(key, key);
    }

    /** "%" for shares and percentages, " h/week" for hours. */
    public String metricUnit(String key) {
        return metricUnits.getOrDefault(key, "");
    }

    public List<Ring> levels() {
        return levels;
    }

    public String levelName(int level) {
        return levels.stream().filter(ring -> ring.level() == level).map(Ring::name).findFirst().orElse("");
    }

    /** One decimal, the same on every machine. */
    public static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public static String one(Double value) {
        return value == null ? "" : one(value.doubleValue());
    }

    /** A report figure's value with its unit as the benchmark data names it. */
    public static String figure(Double value, String unit) {
        if (value == null) {
            return "";
        }
        return switch (unit == null ? "" : unit) {
            case "percent" -> one(value) + "%";
            case "hours-per-week" -> one(value) + " h/week";
            case "ratio" -> one(value) + "×";
            default -> one(value) + (unit == null ? "" : " " + unit);
        };
    }
}
