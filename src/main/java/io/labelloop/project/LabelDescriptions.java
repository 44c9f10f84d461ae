package io.labelloop.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings form's text for {@code labelDescriptions}: a line {@code label: text} starts a label's
 * description and the lines after it, up to the next label, continue it (so a description can list
 * examples on lines of their own).
 */
public final class LabelDescriptions {

    private LabelDescriptions() {
    }

    public static String toLines(Map<String, String> descriptions) {
        if (descriptions == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        descriptions.forEach((label, text) -> out.append(label).append(": ").append(text).append('\n'));
        return out.toString();
    }

    /** The descriptions in the text; a first line that names no label is kept under the key "" for {@link #problems} to name. */
    public static Map<String, String> fromLines(String text, List<String> labels) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        if (text == null) {
            return Map.of();
        }
        StringBuilder current = null;
        for (String line : text.split("\\R", -1)) {
            int colon = line.indexOf(':');
            String head = colon < 0 ? null : line.substring(0, colon).strip();
            if (head != null && labels.contains(head)) {
                current = blocks.computeIfAbsent(head, l -> new StringBuilder());
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(line.substring(colon + 1).strip());
            } else if (current != null) {
                current.append('\n').append(line);
            } else if (!line.isBlank()) {
                current = blocks.computeIfAbsent("", l -> new StringBuilder()).append(line);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        blocks.forEach((label, b) -> out.put(label, b.toString().strip()));
        return out;
    }

    /** What is wrong with descriptions for these labels (empty when nothing is). */
    public static List<String> problems(List<String> labels, Map<String, String> descriptions) {
        List<String> problems = new ArrayList<>();
        if (descriptions != null) {
            descriptions.keySet().stream().filter(l -> labels == null || !labels.contains(l))
                    .forEach(l -> problems.add(l.isEmpty()
                            ? "each description starts with a line \"label: text\" naming one of the labels"
                            : "\"" + l + "\" is not one of the labels"));
        }
        return problems;
    }
}
