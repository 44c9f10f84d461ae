package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The formatter check ({@code .editorconfig} says the same to editors): text files use spaces, LF line ends, no
 * trailing white space and a final newline; Java files import without wildcards, static imports first, each group
 * in name order, and no import unused. It checks what a formatter would change around the code, not how code is
 * laid out (docs/code-health.md says why).
 */
class SourceFormatTest {

    private static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("db"), Path.of("frontend"), Path.of("bench"),
            Path.of("deploy"), Path.of(".ci"));
    private static final Pattern TEXT = Pattern.compile(".*\\.(java|sql|js|css|html|properties|yml|yaml|xml|sh|md)$");

    /** Files whose imports are checked once they are next changed for another reason (fewer merge conflicts now). */
    private static final Set<String> IMPORTS_LATER = Set.of("ClaimService.java", "RetrainCycle.java",
            "SynthesisService.java", "PageLeaseTests.java");

    @Test
    void shouldKeepTextFilesFreeOfTabsTrailingSpaceAndCarriageReturnsWithAFinalNewline() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(TEXT)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                problems.add(file + ": no newline at the end");
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.indexOf('\t') >= 0 && !file.toString().endsWith(".md")) {
                    problems.add(file + ":" + (i + 1) + ": tab");
                }
                if (line.endsWith("\r")) {
                    problems.add(file + ":" + (i + 1) + ": carriage return");
                } else if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))
                        && !file.toString().endsWith(".md")) {
                    problems.add(file + ":" + (i + 1) + ": trailing white space");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldImportWithoutWildcardsInOrderAndNothingUnused() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(Pattern.compile(".*\\.java$"))) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (IMPORTS_LATER.contains(file.getFileName().toString())) {
                continue;
            }
            List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).map(l -> l.substring(7, l.length() - 1))
                    .toList();
            String code = String.join("\n", lines.stream().filter(l -> !l.startsWith("import ")).toList());
            for (String imported : imports) {
                String name = imported.substring(imported.lastIndexOf('.') + 1);
                if (name.equals("*")) {
                    problems.add(file + ": wildcard import " + imported);
                } else if (!Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(code).find()) {
                    problems.add(file + ": unused import " + imported);
                }
            }
            List<String> statics = imports.stream().filter(i -> i.startsWith("static ")).toList();
            List<String> others = imports.stream().filter(i -> !i.startsWith("static ")).toList();
            List<String> expected = new ArrayList<>(statics.stream().sorted().toList());
            expected.addAll(others.stream().sorted().toList());
            if (!imports.equals(expected)) {
                problems.add(file + ": imports not in order (static first, then by name): expected " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<Path> files(Pattern name) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> name.matcher(p.toString()).matches())
                        .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/raw/"))
                        .forEach(out::add);
            }
        }
        assertThat(out).as("files under " + ROOTS + " (run from the project's folder)").hasSizeGreaterThan(50);
        return out;
    }
}
