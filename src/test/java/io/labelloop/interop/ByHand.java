package io.labelloop.interop;

import tools.jackson.databind.JsonNode;

/** The JSON model file's formulas for a standardised TABULAR model, as a reader of docs/interop.md would code them. */
final class ByHand {
    private ByHand() {
    }

    static double[] probabilities(JsonNode file, float[] x) {
        JsonNode f = file.get("featurizer");
        int inputs = f.get("inputs").asInt(), columns = f.get("columns").asInt();
        float clip = (float) f.get("clip").asDouble();
        float[] z = new float[columns];
        for (int j = 0; j < inputs; j++) {
            int indicator = f.get("indicatorColumn").get(j).asInt();
            if (Float.isNaN(x[j])) {
                if (indicator >= 0) {
                    z[indicator] = 1;
                }
                continue;
            }
            float t = f.get("log1p").get(j).asBoolean() ? (float) Math.log1p(Math.max(0f, x[j])) : x[j];
            float v = (t - (float) f.get("mean").get(j).asDouble()) * (float) f.get("inverseSd").get(j).asDouble();
            z[j] = Math.max(-clip, Math.min(clip, v));
        }
        JsonNode head = file.get("head");
        int k = head.get("bias").size();
        double[] logits = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            logits[c] = head.get("bias").get(c).asDouble();
            for (int j = 0; j < columns; j++) {
                logits[c] += z[j] * head.get("weights").get(j).get(c).asDouble();
            }
            logits[c] /= head.get("temperature").asDouble();
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < k; c++) {
            logits[c] /= sum;
        }
        return logits;
    }
}
