package io.labelloop.project;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which key picks which label on the labeling page. A lead's own keys come first; a label that is a
 * single digit gets its own digit; every other label gets the next free key of 1-9, 0, then the
 * letters. Labels beyond the available keys get none: the page's type-to-filter reaches them.
 */
public final class LabelKeys {

    /** Keys the labeling page uses for itself: skip, undo, not a valid example. */
    public static final Set<String> RESERVED = Set.of("s", "u", "x");

    private static final String POOL = "1234567890abcdefghijklmnopqrstuvwxyz";

    private LabelKeys() {
    }

    /** Each label's key in label order, or null for a label left without one. */
    public static Map<String, String> assign(List<String> labels, Map<String, String> chosen) {
        Map<String, String> own = chosen == null ? Map.of() : chosen;
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(RESERVED);
        for (String label : labels) {
            String key = own.get(label);
            keys.put(label, key == null ? null : normalise(key));
            if (key != null) {
                taken.add(normalise(key));
            }
        }
        for (String label : labels) {
            if (keys.get(label) == null && isDigit(label) && taken.add(label)) {
                keys.put(label, label);
            }
        }
        int next = 0;
        for (String label : labels) {
            if (keys.get(label) != null) {
                continue;
            }
            while (next < POOL.length() && taken.contains(POOL.substring(next, next + 1))) {
                next++;
            }
            if (next < POOL.length()) {
                String key = POOL.substring(next, next + 1);
                taken.add(key);
                keys.put(label, key);
            }
        }
        return keys;
    }

    /** What is wrong with a lead's keys for these labels (empty when nothing is). */
    public static List<String> problems(List<String> labels, Map<String, String> chosen) {
        List<String> problems = new ArrayList<>();
        if (chosen == null) {
            return problems;
        }
        Set<String> seen = new HashSet<>();
        chosen.forEach((label, key) -> {
            if (labels == null || !labels.contains(label)) {
                problems.add("\"" + label + "\" is not one of the labels");
            } else if (key == null || key.codePointCount(0, key.length()) != 1 || !Character.isLetterOrDigit(key.codePointAt(0))) {
                problems.add("the key of \"" + label + "\" must be one letter or digit");
            } else if (RESERVED.contains(normalise(key))) {
                problems.add("the key of \"" + label + "\" is taken by the page (S skip, U undo, X not valid)");
            } else if (!seen.add(normalise(key))) {
                problems.add("the key \"" + key + "\" is given to more than one label");
            }
        });
        return problems;
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    private static boolean isDigit(String label) {
        return label.length() == 1 && label.charAt(0) >= '0' && label.charAt(0) <= '9';
    }

    /** A lead's keys as the settings form shows them: one {@code label = key} per line. */
    public static String toLines(Map<String, String> chosen) {
        if (chosen == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        chosen.forEach((label, key) -> out.append(label).append(" = ").append(key).append('\n'));
        return out.toString();
    }

    /** The form's lines back as keys; a line without {@code =} keeps an empty key, which {@link #problems} names. */
    public static Map<String, String> fromLines(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        if (lines == null) {
            return out;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int split = line.lastIndexOf('=');
            out.put((split < 0 ? line : line.substring(0, split)).strip(), split < 0 ? "" : line.substring(split + 1).strip());
        }
        return out;
    }
}
