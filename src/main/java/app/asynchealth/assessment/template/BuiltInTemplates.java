package app.asynchealth.assessment.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The templates shipped with the service, read from JSON data files on the class path and checked at start: a broken
 * template stops the service rather than reaching a respondent.
 */
@Singleton
public class BuiltInTemplates {

    /** The data files; a new version is a new file, never an edit of a published one. */
    static final List<String> FILES = List.of("templates/async-health-v1.json");

    private final List<TemplateDefinition> templates;

    BuiltInTemplates() {
        this(FILES);
    }

    BuiltInTemplates(List<String> files) {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.templates = files.stream().map(file -> read(json, file))
                .sorted(Comparator.comparing(TemplateDefinition::key).thenComparing(TemplateDefinition::version))
                .toList();
    }

    public static BuiltInTemplates load() {
        return new BuiltInTemplates(FILES);
    }

    public List<TemplateDefinition> all() {
        return templates;
    }

    public Optional<TemplateDefinition> find(String key, int version) {
        return templates.stream().filter(t -> t.key().equals(key) && t.version() == version).findFirst();
    }

    public Optional<TemplateDefinition> latest(String key) {
        return templates.stream().filter(t -> t.key().equals(key)).max(Comparator.comparing(TemplateDefinition::version));
    }

    public boolean isBuiltInKey(String key) {
        return templates.stream().anyMatch(t -> t.key().equals(key));
    }

    private static TemplateDefinition read(ObjectMapper json, String file) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("built-in template " + file + " is missing");
            }
            TemplateDefinition template = json.readValue(in, TemplateDefinition.class);
            List<String> problems = TemplateRules.violations(template);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("built-in template " + file + " is invalid: " + problems);
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in template " + file, e);
        }
    }
}
