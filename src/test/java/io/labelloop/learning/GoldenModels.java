package io.labelloop.learning;

import io.labelloop.learning.bench.LabeledData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Model bytes stored by an earlier build, with encoded items and the probabilities that build gave them, under
 * {@code src/test/resources/learning/golden}. {@link #main} writes a new set (run it only when adding a format
 * version; the files of earlier versions are never rewritten, since stored models must keep loading).
 */
final class GoldenModels {
    static final int ITEMS = 40;

    private GoldenModels() {
    }

    /** A stored model with the items it scored and what it gave them (committee members after the main model). */
    record Golden(byte[] model, List<byte[]> items, double[][] probabilities, double[][][] committee) {
    }

    static String modelFile(int format, TaskType task) {
        return "v" + format + "-" + task.name().toLowerCase() + ".model";
    }

    static String expectedFile(int format, TaskType task) {
        return "v" + format + "-" + task.name().toLowerCase() + ".expected";
    }

    static Golden load(int format, TaskType task) {
        try (InputStream m = GoldenModels.class.getResourceAsStream("/learning/golden/" + modelFile(format, task));
             DataInputStream in = new DataInputStream(GoldenModels.class.getResourceAsStream(
                     "/learning/golden/" + expectedFile(format, task)))) {
            byte[] model = m.readAllBytes();
            int n = in.readInt(), classes = in.readInt(), members = in.readInt();
            List<byte[]> items = new ArrayList<>();
            double[][] p = new double[n][classes];
            double[][][] committee = new double[n][members][classes];
            for (int i = 0; i < n; i++) {
                items.add(in.readNBytes(in.readInt()));
                readInto(in, p[i]);
                for (int m2 = 0; m2 < members; m2++) {
                    readInto(in, committee[i][m2]);
                }
            }
            return new Golden(model, items, p, committee);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readInto(DataInputStream in, double[] out) throws IOException {
        for (int k = 0; k < out.length; k++) {
            out[k] = in.readDouble();
        }
    }

    /** Writes the golden files of the current format into the directory given as first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int format = Integer.parseInt(args[1]);
        write(dir, format, TestData.tweets(), 0);
        write(dir, format, TestData.credit(), 3);
        write(dir, format, TestData.digits(), 0);
    }

    private static void write(Path dir, int format, LabeledData data, int committee) throws IOException {
        int n = data.size() - ITEMS;
        TrainingOptions options = TrainingOptions.defaults().withCommittee(committee);
        LabelModel model = new ModelTrainer(data.task(), options).train(data.items().subList(0, n),
                data.labels().subList(0, n), data.items().subList(n, data.size()), null);
        byte[] bytes = model.toBytes();
        Files.write(dir.resolve(modelFile(format, data.task())), bytes);
        LabelModel loaded = LabelModel.fromBytes(bytes);
        LabelModel.ItemScorer scorer = loaded.scorer();
        int k = loaded.classes().size();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(
                dir.resolve(expectedFile(format, data.task()))))) {
            out.writeInt(ITEMS);
            out.writeInt(k);
            out.writeInt(loaded.committeeSize());
            for (byte[] item : data.items().subList(n, data.size())) {
                out.writeInt(item.length);
                out.write(item);
                for (double v : scorer.probabilities(item)) {
                    out.writeDouble(v);
                }
                double[][] members = new double[loaded.committeeSize()][k];
                scorer.committeeProbabilities(members);
                for (double[] member : members) {
                    for (double v : member) {
                        out.writeDouble(v);
                    }
                }
            }
        }
    }
}
