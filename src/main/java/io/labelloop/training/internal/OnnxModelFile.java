package io.labelloop.training.internal;

import ai.onnx.proto.OnnxMl;
import io.labelloop.learning.FeaturizerParameters;
import io.labelloop.learning.FeaturizerParameters.Pixels;
import io.labelloop.learning.FeaturizerParameters.Standardised;
import io.labelloop.learning.ModelParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A model version as an ONNX graph: input {@code features} (float, one row per item, the raw values as uploaded,
 * NaN for a missing value), output {@code probabilities} (float, one column per class in the order of the
 * {@code classes} metadata entry). The graph is the featurizer (standardisation with log1p, clipping and missing
 * indicators; or pixel scaling; for the kernel family, random Fourier features over either: s cos(x W' + b')), then
 * x W + b, divided by the temperature, then softmax. Everything after the featurizer runs in double, as the
 * service's own scorer does, so its probabilities agree to about 1e-7. The linear and kernel families on the task's
 * own numeric columns or pixels have a graph; text hashing, HOG, and kernel inputs folded by feature hashing (wider
 * than {@link io.labelloop.learning.features.RandomFourierFeaturizer#MAX_DENSE_INPUT}) are left to the JSON file
 * ({@link #unsupported}).
 */
public final class OnnxModelFile {
    private static final long IR_VERSION = 7;

    private OnnxModelFile() {
    }

    /** Why a model has no ONNX form, or empty when it has one. */
    public static Optional<String> unsupported(ModelParameters p) {
        return switch (p.featurizer()) {
            case Standardised s -> Optional.empty();
            case Pixels px -> Optional.empty();
            case FeaturizerParameters.TfIdf t -> Optional.of("a TEXT model hashes words and character n-grams into "
                    + "its columns, which ONNX operators cannot reproduce");
            case FeaturizerParameters.Hog h -> Optional.of("this image model works on HOG features (histograms of "
                    + "oriented gradients), which have no ONNX form here");
            case FeaturizerParameters.Embedding e -> Optional.of("this TEXT model reads sentence embeddings, "
                    + "which need the encoder network before the model");
            case FeaturizerParameters.Concat c -> Optional.of("this TEXT model reads n-grams and sentence "
                    + "embeddings, which ONNX operators here cannot reproduce");
            case FeaturizerParameters.RandomFourier r -> randomFourierUnsupported(p, r);
            case FeaturizerParameters.Forest f -> Optional.of("the TREES family (a random forest) has no ONNX form "
                    + "here; format=json holds its trees node by node");
        };
    }

    private static Optional<String> randomFourierUnsupported(ModelParameters p, FeaturizerParameters.RandomFourier r) {
        if (r.hashed()) {
            return Optional.of("the " + p.family() + " family folds its " + r.base().columns() + " input columns by feature "
                    + "hashing before its random Fourier features, which has no ONNX form here");
        }
        return switch (r.base()) {
            case Standardised s -> Optional.empty();
            case Pixels px -> Optional.empty();
            default -> unsupported(new ModelParameters(p.taskType(), p.family(), p.representation(), p.classes(), r.base(),
                    p.weights(), p.bias(), p.temperature()));
        };
    }

    /** The ONNX model bytes; {@link #unsupported} must be empty. */
    public static byte[] write(ModelParameters p, Map<String, String> metadata) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("labelloop");
        int classes = p.classes().size();
        if (unsupported(p).isPresent()) {
            throw new IllegalArgumentException(unsupported(p).get());
        }
        ONNXRef<?> features = switch (p.featurizer()) {
            case FeaturizerParameters.RandomFourier r -> randomFourier(ctx, r, base(ctx, r.base()));
            default -> base(ctx, p.featurizer());
        };
        int d = p.featurizer().columns();
        float[] w = new float[d * classes];
        for (int c = 0; c < d; c++) {
            System.arraycopy(p.weights()[c], 0, w, c * classes, classes);
        }
        ONNXNode weights = ctx.floatTensor("W", List.of(d, classes), buffer -> buffer.put(w)).cast(double.class);
        ONNXNode bias = ctx.array("b", p.bias()).cast(double.class);
        ONNXNode logits = features.cast(double.class).apply(OnnxOperator.MAT_MUL, weights).apply(ONNXOperators.ADD, bias);
        ONNXNode scaled = logits.apply(ONNXOperators.DIV, ctx.array("temperature", new double[]{p.temperature()}, false));
        ONNXPlaceholder out = ctx.floatOutput("probabilities", classes);
        scaled.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1)).cast(float.class).assignTo(out);
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("labelloop").setGraph(ctx.buildGraph())
                .addOpsetImport(ONNXOperators.getOpsetProto());
        metadata.forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        return model.build().toByteArray();
    }

    private static ONNXRef<?> base(ONNXContext ctx, FeaturizerParameters f) {
        return switch (f) {
            case Standardised s -> standardised(ctx, s);
            case Pixels px -> pixels(ctx, px);
            default -> throw new IllegalArgumentException("no ONNX form for " + f.type());
        };
    }

    /**
     * z_j = scale * cos(x . w_j + b_j) over the base features x, as {@code RandomFourierFeaturizer} computes it: the
     * product in double rounded to float (the service sums in float; the two differ by its rounding), the cosine in
     * float (ONNX Runtime implements Cos for float only; the service takes the double cosine of the float sum and
     * rounds it), times the float scale.
     */
    private static ONNXNode randomFourier(ONNXContext ctx, FeaturizerParameters.RandomFourier r, ONNXRef<?> x) {
        int input = r.input();
        int features = r.features();
        float[] w = r.w(); // features x input, row-major; the graph multiplies by its transpose
        ONNXNode weights = ctx.floatTensor("rff_W", List.of(input, features), buffer -> {
            for (int c = 0; c < input; c++) {
                for (int j = 0; j < features; j++) {
                    buffer.put(w[j * input + c]);
                }
            }
        }).cast(double.class);
        ONNXNode dot = x.cast(double.class).apply(OnnxOperator.MAT_MUL, weights)
                .apply(ONNXOperators.ADD, ctx.array("rff_b", r.b()).cast(double.class));
        return dot.cast(float.class).apply(OnnxOperator.COS).apply(ONNXOperators.MUL, ctx.constant("rff_scale", r.scale()));
    }

    /** clip((t(x) - mean) * inverseSd), 0 where x is NaN, then the missing-value indicators. */
    private static ONNXRef<?> standardised(ONNXContext ctx, Standardised s) {
        ONNXPlaceholder x = ctx.floatInput("features", s.inputs());
        ONNXNode nan = x.apply(OnnxOperator.IS_NAN);
        var zero = ctx.constant("zero", 0f);
        ONNXRef<?> t = nan.apply(ONNXOperators.WHERE, List.of(zero, x));
        if (anyTrue(s.log1p())) {
            // log1p in double and back, as the service computes it
            ONNXNode log1p = t.cast(double.class)
                    .apply(OnnxOperator.MAX, ctx.array("zero_d", new double[]{0}, false))
                    .apply(ONNXOperators.ADD, ctx.array("one_d", new double[]{1}, false))
                    .apply(OnnxOperator.LOG).cast(float.class);
            int[] mask = new int[s.inputs()];
            for (int j = 0; j < mask.length; j++) {
                mask[j] = s.log1p()[j] ? 1 : 0;
            }
            ONNXNode logged = ctx.array("log1p_columns", mask).apply(ONNXOperators.CAST,
                    Map.of("to", OnnxMl.TensorProto.DataType.BOOL.getNumber()));
            t = logged.apply(ONNXOperators.WHERE, List.of(log1p, t));
        }
        ONNXNode z = t.apply(ONNXOperators.SUB, ctx.array("mean", s.mean()))
                .apply(ONNXOperators.MUL, ctx.array("inverse_sd", s.inverseSd()))
                .apply(OnnxOperator.CLIP, List.of(ctx.constant("clip_low", -s.clip()), ctx.constant("clip_high", s.clip())));
        ONNXNode clean = nan.apply(ONNXOperators.WHERE, List.of(zero, z));
        List<Long> indicatorInputs = new ArrayList<>();
        for (int j = 0; j < s.inputs(); j++) {
            if (s.indicatorColumn()[j] >= 0) {
                indicatorInputs.add((long) j); // indicator columns follow in input order
            }
        }
        if (indicatorInputs.isEmpty()) {
            return clean;
        }
        ONNXNode indicators = nan.cast(float.class).apply(ONNXOperators.GATHER,
                ctx.array("indicator_inputs", indicatorInputs.stream().mapToLong(Long::longValue).toArray()),
                Map.of("axis", 1));
        return ctx.operation(ONNXOperators.CONCAT, List.of(clean, indicators), "standardised", Map.of("axis", 1));
    }

    /** x * scale, 0 where x is NaN. */
    private static ONNXRef<?> pixels(ONNXContext ctx, Pixels p) {
        ONNXPlaceholder x = ctx.floatInput("features", p.pixels());
        ONNXNode scaled = x.apply(ONNXOperators.MUL, ctx.constant("scale", p.scale()));
        return x.apply(OnnxOperator.IS_NAN).apply(ONNXOperators.WHERE, List.of(ctx.constant("zero", 0f), scaled));
    }

    private static boolean anyTrue(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }
}
