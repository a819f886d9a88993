package app.asynchealth.platform.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The application's records by the name of the schema the OpenAPI scan gives them (their {@code @Schema} name, or
 * their simple name), for what the scan cannot see in the model alone. Read from the classes beside this one: the
 * OpenAPI filter runs at build time, on the compiled application.
 */
final class RecordSchemas {

    private static final String PACKAGE = "app/asynchealth/";

    private RecordSchemas() {
    }

    static Map<String, Class<?>> byName() {
        Map<String, Class<?>> records = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String file : classFiles()) {
            Class<?> type;
            try {
                type = Class.forName(file.substring(0, file.length() - ".class".length()).replace('/', '.'), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // not loadable here, so not scanned either
            }
            if (type.isRecord()) {
                Schema schema = type.getAnnotation(Schema.class);
                records.putIfAbsent(schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName(), type);
            }
        }
        return records;
    }

    private static List<String> classFiles() {
        try {
            Path root = Path.of(RecordSchemas.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root.resolve(PACKAGE))) {
                    return files.map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
                            .filter(name -> name.endsWith(".class")).toList();
                }
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                return jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(PACKAGE) && name.endsWith(".class")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
