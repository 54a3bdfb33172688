package io.confidentialai.sdk.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Style rules the compiler cannot check (STYLE.md B8, B14), enforced over the library sources: the API,
 * the engine and every provider. Samples may print; libraries may not.
 */
class SourceRulesTest {
    /** Printing, stack dumps, clock reads through Date, and URL. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "System\\.(out|err)\\b|printStackTrace\\(|\\bjava\\.net\\.URL\\b|\\bnew Date\\(|System\\.currentTimeMillis|Instant\\.now\\(");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    private static List<Path> sources(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<Path> librarySources() throws IOException {
        List<Path> all = new ArrayList<>(sources(Path.of("../confidential-sdk-api/src/main/java")));
        all.addAll(sources(Path.of("src/main/java")));
        try (Stream<Path> providers = Files.list(Path.of("../tee-providers"))) {
            for (Path p : providers.filter(Files::isDirectory).toList()) {
                all.addAll(sources(p.resolve("src/main/java")));
            }
        }
        return all;
    }

    @Test
    void librariesNeitherPrintNorUseLegacyTypes() throws IOException {
        List<Path> all = librarySources();
        assertThat(all).hasSizeGreaterThan(60);
        List<String> violations = new ArrayList<>();
        for (Path p : all) {
            String text = Files.readString(p);
            Matcher m = FORBIDDEN.matcher(text);
            while (m.find()) {
                violations.add(p + ": " + m.group());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void apiImportsOnlyTheJdkAndItself() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources(Path.of("../confidential-sdk-api/src/main/java"))) {
            Matcher m = IMPORT.matcher(Files.readString(p));
            while (m.find()) {
                String name = m.group(2);
                if (name.equals("java.util.Date")) {
                    violations.add(p + ": " + name + " (use java.time)");
                } else if (!(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("io.confidentialai.sdk.")
                        || name.equals("org.jspecify.annotations.NullMarked") || name.startsWith("org.jspecify.annotations."))) {
                    violations.add(p + ": " + name);
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
