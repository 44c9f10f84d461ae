package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.learning.StrategyName;
import io.labelloop.learning.TaskType;
import io.labelloop.project.ModelFamilies;
import io.labelloop.queue.QueueReason;
import io.labelloop.queue.internal.ClaimService.EmptyReason;
import io.labelloop.security.Role;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message a page or a fixed vocabulary asks for exists, and locale files (if any) have the same
 * keys as {@code messages.properties} (after spring-petclinic's {@code I18nPropertiesSyncTest}).
 */
class MessagesSyncTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** A literal key: {@code #{project.form.name}} or {@code #{label.title(${project.name})}}. */
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");
    /** A form field from the layout's fragments: {@code formField('budget', ...)} or {@code checkboxField('stopped')}. */
    private static final Pattern FORM_FIELD = Pattern.compile("(?:formField|checkboxField)\\('([A-Za-z0-9]+)'");

    @Test
    void shouldDefineEveryMessageKeyATemplateNames() throws IOException {
        Set<String> defined = keys(RESOURCES.resolve("messages.properties"));
        Set<String> missing = new TreeSet<>();
        for (String template : templates()) {
            collect(LITERAL_KEY, template, key -> key).forEach(missing::add);
            collect(FORM_FIELD, template, field -> "project.form." + field).forEach(key -> {
                missing.add(key);
                missing.add(key + ".help");
            });
        }
        missing.removeAll(defined);
        assertThat(missing).as("message keys used in templates but not in messages.properties").isEmpty();
    }

    @Test
    void shouldDefineAMessageForEveryValueOfTheVocabulariesThePagesShow() throws IOException {
        Set<String> defined = keys(RESOURCES.resolve("messages.properties"));
        List<String> needed = new ArrayList<>();
        Arrays.stream(QueueReason.values()).forEach(r -> needed.add("label.reason." + r.name()));
        Arrays.stream(EmptyReason.values()).forEach(r -> needed.add("label.empty." + r.name()));
        Arrays.stream(TaskType.values()).forEach(t -> {
            needed.add("task." + t.name());
            needed.add("upload.help." + t.name());
        });
        Arrays.stream(StrategyName.values()).forEach(s -> {
            needed.add("strategy." + s.name());
            needed.add("strategy.help." + s.name());
        });
        Arrays.stream(Role.values()).forEach(r -> needed.add("role." + r.name()));
        ModelFamilies.settingValues().forEach(f -> needed.add("modelFamily." + f));

        assertThat(defined).containsAll(needed);
    }

    @Test
    void shouldKeepEveryLocaleFileInStepWithTheDefaultMessages() throws IOException {
        Set<String> defined = keys(RESOURCES.resolve("messages.properties"));
        try (Stream<Path> files = Files.list(RESOURCES)) {
            for (Path locale : files.filter(f -> f.getFileName().toString().matches("messages_.+\\.properties")).toList()) {
                assertThat(keys(locale)).as(locale.getFileName().toString()).isEqualTo(defined);
            }
        }
    }

    private static List<String> templates() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                out.add(Files.readString(f));
            }
            assertThat(out).isNotEmpty();
            return out;
        }
    }

    private static List<String> collect(Pattern pattern, String text, java.util.function.UnaryOperator<String> key) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(key.apply(m.group(1)));
        }
        return out;
    }

    private static Set<String> keys(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
