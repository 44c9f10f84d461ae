package io.labelloop.training.internal;

import io.labelloop.item.ItemVectors;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.Prediction;
import io.labelloop.learning.SelectedItem;
import io.labelloop.queue.QueueEntryDraft;
import io.labelloop.queue.QueueReason;
import io.labelloop.training.ModelPredictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch a cycle queues: the strategy's picks in rank order, with exploration picks (while a
 * class has no label) alternating with them, then its headroom (the strategy's next-best picks, ranked from
 * {@code batchSize + 1} on, so that a claim reaching one of them tells that the batch is used up), each with the
 * model's prediction for the annotator to see. Holdout draws are not part of it: claims mix them in at the holdout's
 * share.
 */
final class QueueMix {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QueueMix() {
    }

    static List<QueueEntryDraft> interleave(LabelModel model, int version, long projectId, List<SelectedItem> selected,
            List<QueueEntryDraft> explore, List<SelectedItem> headroom, int batchSize, ItemVectors vectors,
            boolean embeddings) {
        List<Pick> order = new ArrayList<>();
        int e = 0;
        for (SelectedItem s : selected) {
            order.add(new Pick(s.itemId(), s.score(), QueueReason.STRATEGY));
            if (e < explore.size()) {
                order.add(Pick.exploring(explore.get(e++)));
            }
        }
        while (e < explore.size()) {
            order.add(Pick.exploring(explore.get(e++)));
        }
        int batch = order.size();
        for (SelectedItem s : headroom) {
            order.add(new Pick(s.itemId(), s.score(), QueueReason.STRATEGY));
        }
        Map<Long, byte[]> encoded = new HashMap<>(vectors.of(projectId, order.stream().map(Pick::itemId).toList(), embeddings));
        var scorer = model.scorer();
        List<QueueEntryDraft> drafts = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            Pick p = order.get(i);
            byte[] v = encoded.get(p.itemId());
            String prediction = v == null ? null : json(model, scorer.predict(v));
            int rank = i < batch ? i + 1 : Math.max(batchSize, batch) + 1 + i - batch;
            drafts.add(new QueueEntryDraft(p.itemId(), rank, p.score(), p.reason(), false, version, prediction));
        }
        return drafts;
    }

    /** An item in the batch's order, before its rank and prediction. */
    private record Pick(long itemId, double score, QueueReason reason) {
        static Pick exploring(QueueEntryDraft x) {
            return new Pick(x.itemId(), x.score(), QueueReason.EXPLORATION);
        }
    }

    static String json(LabelModel model, Prediction p) {
        return JSON.writeValueAsString(ModelPredictions.asPrediction(model, p));
    }
}
