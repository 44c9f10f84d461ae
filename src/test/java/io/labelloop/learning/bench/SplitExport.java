package io.labelloop.learning.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a dataset's exact split and each seed's random first batch to a text file, so the scikit-learn
 * reference loops ({@code bench/sklearn_reference.py}) label the same pool, score the same test items and
 * start from the same 20 items as RANDOM and the simple loop here. Rows are 0-based data rows of the file.
 * <pre>
 * file &lt;path&gt;
 * task TEXT|TABULAR|IMAGE
 * rows &lt;n&gt;
 * step 20
 * budget 500
 * pool i i ...
 * test i i ...
 * first &lt;seed&gt; i i ...   (one line per seed)
 * </pre>
 */
final class SplitExport {
    private SplitExport() {
    }

    static void write(Path file, Path dataFile, Split split, int budget, int step, long firstSeed, int seeds)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("file ").append(dataFile).append('\n');
        sb.append("task ").append(split.data().task()).append('\n');
        sb.append("rows ").append(split.data().size()).append('\n');
        sb.append("step ").append(step).append('\n');
        sb.append("budget ").append(budget).append('\n');
        sb.append("pool ").append(join(split.pool())).append('\n');
        sb.append("test ").append(join(IntStream.of(split.testIndices()).boxed().toList())).append('\n');
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            sb.append("first ").append(seed).append(' ')
                    .append(join(ActiveLearningRun.randomBatch(split, Set.of(), step, seed))).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
}
