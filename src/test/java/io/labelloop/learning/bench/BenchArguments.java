package io.labelloop.learning.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of a benchmark's command line, with the defaults the benchmarks share. */
record BenchArguments(Map<String, String> values) {

    static BenchArguments parse(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new BenchArguments(opt);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** Comma-separated values, or an empty list when not given. */
    List<String> list(String name) {
        return values.containsKey(name) ? List.of(values.get(name).split(",")) : List.of();
    }

    Path data() {
        return Path.of(text("data", "../shared/data"));
    }

    Path out() {
        return Path.of(text("out", "docs"));
    }

    int seeds() {
        return integer("seeds", 10);
    }

    int budget() {
        return integer("budget", 500);
    }

    int step() {
        return integer("step", 20);
    }

    int threads() {
        return integer("threads", 2);
    }
}
