package io.labelloop.learning;

import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.features.Featurizer;
import io.labelloop.learning.features.Featurizers;
import io.labelloop.learning.model.CalibrationError;
import io.labelloop.learning.model.SoftmaxWeights;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained model version: fitted featurizer, calibrated multinomial logistic regression, optional
 * bootstrap committee and provenance. Immutable and thread-safe; use one {@link ItemScorer} per thread.
 * Store it with {@link #toBytes()} and reload with {@link #fromBytes(byte[])}.
 */
public final class LabelModel {
    /** Format 1: before model families (read as linear); format 2 adds the {@link FamilyChoice}. */
    private static final int FORMAT_BEFORE_FAMILIES = 1;
    private static final int FORMAT = 2;
    private final Featurizer featurizer;
    private final SoftmaxWeights weights;
    private final List<SoftmaxWeights> committee;
    private final List<String> classes;
    private final ModelMetadata metadata;
    private final FamilyChoice choice;

    LabelModel(Featurizer featurizer, SoftmaxWeights weights, List<SoftmaxWeights> committee, List<String> classes,
               ModelMetadata metadata) {
        this(featurizer, weights, committee, classes, metadata, FamilyChoice.beforeFamilies());
    }

    private LabelModel(Featurizer featurizer, SoftmaxWeights weights, List<SoftmaxWeights> committee,
                       List<String> classes, ModelMetadata metadata, FamilyChoice choice) {
        this.featurizer = featurizer;
        this.weights = weights;
        this.committee = List.copyOf(committee);
        this.classes = List.copyOf(classes);
        this.metadata = metadata;
        this.choice = choice;
    }

    /** The model family and representation this version was trained as, and why. */
    public FamilyChoice choice() {
        return choice;
    }

    /** The same model, recorded as trained under {@code newChoice}. */
    public LabelModel withChoice(FamilyChoice newChoice) {
        return new LabelModel(featurizer, weights, committee, classes, metadata, newChoice);
    }

    /** Class names, in the order of every probability vector. */
    public List<String> classes() {
        return classes;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** Number of bootstrap committee members (0 when trained without a committee). */
    public int committeeSize() {
        return committee.size();
    }

    /**
     * About how many bytes of heap the model takes: its featurizer's and weights' arrays, which are
     * nearly all of it (a text model's vocabulary and weights grow with the texts it was fitted on).
     */
    public long approximateBytes() {
        long bytes = 256 + featurizer.approximateBytes() + weights.approximateBytes();
        for (SoftmaxWeights member : committee) {
            bytes += member.approximateBytes();
        }
        for (String c : classes) {
            bytes += 48 + 2L * c.length();
        }
        return bytes;
    }

    /** A scorer with its own reusable buffers; not thread-safe, cheap to create. */
    public ItemScorer scorer() {
        return new ItemScorer(this);
    }

    Featurizer featurizer() {
        return featurizer;
    }

    SoftmaxWeights weights() {
        return weights;
    }

    List<SoftmaxWeights> committee() {
        return committee;
    }

    /** The featurizer's settings and the calibrated head, for running the model elsewhere (the model download). */
    public ModelParameters parameters() {
        int k = weights.classes(), d = weights.dimension();
        float[][] w = new float[d][k];
        float[] b = new float[k];
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < k; j++) {
                w[c][j] = weights.weight(c, j);
            }
        }
        for (int j = 0; j < k; j++) {
            b[j] = weights.bias(j);
        }
        return new ModelParameters(metadata.taskType(), choice.family(), choice.representation(), classes,
                featurizer.parameters(), w, b, weights.temperature());
    }

    /** Serialises featurizer, weights, committee, classes and metadata (gzip-compressed). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(FORMAT);
            out.writeInt(classes.size());
            for (String c : classes) {
                out.writeUTF(c);
            }
            Featurizers.write(featurizer, out);
            weights.write(out);
            out.writeInt(committee.size());
            for (SoftmaxWeights m : committee) {
                m.write(out);
            }
            writeMetadata(out);
            FamilyChoiceFormat.write(choice, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote. */
    public static LabelModel fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
            int format = in.readInt();
            if (format != FORMAT && format != FORMAT_BEFORE_FAMILIES) {
                throw new IOException("unsupported model format " + format);
            }
            int k = in.readInt();
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                classes.add(in.readUTF());
            }
            Featurizer f = Featurizers.read(in);
            SoftmaxWeights w = SoftmaxWeights.read(in);
            int m = in.readInt();
            List<SoftmaxWeights> committee = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                committee.add(SoftmaxWeights.read(in));
            }
            ModelMetadata metadata = readMetadata(in);
            FamilyChoice choice = format == FORMAT ? FamilyChoiceFormat.read(in) : FamilyChoice.beforeFamilies();
            return new LabelModel(f, w, committee, classes, metadata, choice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model", e);
        }
    }

    private void writeMetadata(DataOutputStream out) throws IOException {
        ModelMetadata m = metadata;
        out.writeUTF(m.algorithm());
        out.writeUTF(m.taskType().name());
        out.writeUTF(m.featurizer());
        out.writeDouble(m.l2());
        out.writeUTF(m.l2ChosenBy());
        out.writeInt(m.labelsWhenChosen());
        out.writeDouble(m.temperature());
        out.writeDouble(m.eceBeforeScaling());
        out.writeDouble(m.eceAfterScaling());
        out.writeInt(m.labelCount());
        out.writeInt(m.classCount());
        out.writeInt(m.epochs());
        out.writeInt(m.committeeSize());
        out.writeLong(m.seed());
        out.writeLong(m.trainingMillis());
    }

    private static ModelMetadata readMetadata(DataInputStream in) throws IOException {
        return new ModelMetadata(in.readUTF(), TaskType.valueOf(in.readUTF()), in.readUTF(), in.readDouble(),
                in.readUTF(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readInt(),
                in.readInt(), in.readInt(), in.readInt(), in.readLong(), in.readLong());
    }

    /** Per-thread scoring of encoded items with reusable buffers (featurise + softmax, no tokenising). */
    public static final class ItemScorer {
        private final LabelModel model;
        private final FeatureBuffer buffer = new FeatureBuffer();

        ItemScorer(LabelModel model) {
            this.model = model;
        }

        /** Calibrated probabilities written into {@code out} (length = number of classes). */
        public void probabilities(byte[] encoded, double[] out) {
            model.featurizer.featurize(encoded, buffer);
            model.weights.probabilities(buffer, out);
        }

        /** Calibrated probabilities in a new array. */
        public double[] probabilities(byte[] encoded) {
            double[] p = new double[model.classes.size()];
            probabilities(encoded, p);
            return p;
        }

        /** Most probable class with its probability. */
        public Prediction predict(byte[] encoded) {
            double[] p = probabilities(encoded);
            int arg = CalibrationError.argmax(p);
            return new Prediction(model.classes.get(arg), p[arg], p);
        }

        /** The features of the last scored item (valid until the next call). */
        FeatureBuffer lastFeatures() {
            return buffer;
        }

        /** Probabilities of each committee member for the last scored item, into {@code out[m]}. */
        void committeeProbabilities(double[][] out) {
            for (int m = 0; m < model.committee.size(); m++) {
                model.committee.get(m).probabilities(buffer, out[m]);
            }
        }
    }
}
