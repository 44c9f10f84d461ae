package io.labelloop.learning.features;

import io.labelloop.learning.TaskType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Fits the featurizer of a task type, and (de)serialises featurizers with a type tag. */
public final class Featurizers {
    private Featurizers() {
    }

    public static Featurizer fit(TaskType task, List<byte[]> encodedItems) {
        if (encodedItems.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a featurizer on no items");
        }
        return switch (task) {
            case TEXT -> TfIdfFeaturizer.fit(encodedItems);
            case TABULAR -> StandardScalerFeaturizer.fit(encodedItems);
            case IMAGE -> PixelFeaturizer.fit(encodedItems);
        };
    }

    /** Features of each item, as independent compact buffers. */
    public static List<FeatureBuffer> featurise(Featurizer featurizer, List<byte[]> items) {
        List<FeatureBuffer> x = new java.util.ArrayList<>(items.size());
        FeatureBuffer buffer = new FeatureBuffer();
        for (byte[] item : items) {
            featurizer.featurize(item, buffer);
            x.add(buffer.copy());
        }
        return x;
    }

    public static void write(Featurizer f, DataOutputStream out) throws IOException {
        out.writeUTF(switch (f) {
            case TfIdfFeaturizer t -> "tfidf";
            case StandardScalerFeaturizer s -> "standard";
            case PixelFeaturizer p -> "pixels";
            case RandomFourierFeaturizer r -> "rff";
            case HogFeaturizer h -> "hog";
            case EmbeddingFeaturizer e -> "embedding";
            case ConcatFeaturizer c -> "concat";
            case ForestFeaturizer t -> "forest";
            default -> throw new IllegalArgumentException("unknown featurizer " + f);
        });
        f.write(out);
    }

    public static Featurizer read(DataInputStream in) throws IOException {
        String tag = in.readUTF();
        return switch (tag) {
            case "tfidf" -> TfIdfFeaturizer.read(in);
            case "standard" -> StandardScalerFeaturizer.read(in);
            case "pixels" -> PixelFeaturizer.read(in);
            case "rff" -> RandomFourierFeaturizer.read(in);
            case "hog" -> HogFeaturizer.read(in);
            case "embedding" -> EmbeddingFeaturizer.read(in);
            case "concat" -> ConcatFeaturizer.read(in);
            case "forest" -> ForestFeaturizer.read(in);
            default -> throw new IOException("unknown featurizer " + tag);
        };
    }
}
