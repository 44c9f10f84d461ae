package io.labelloop.training.internal;

import io.labelloop.item.ItemVectors;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.Prediction;
import io.labelloop.learning.SelectedItem;
import io.labelloop.queue.QueueEntryDraft;
import io.labelloop.training.ModelPredictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch a cycle queues: the strategy's picks in rank order, with exploration picks (while a
 * class has no label) alternating with them, each with the model's prediction for the annotator to
 * see. Holdout draws are not part of it: claims mix them in at the holdout's share.
 */
final class QueueMix {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QueueMix() {
    }

    static List<QueueEntryDraft> interleave(LabelModel model, int version, long projectId, List<SelectedItem> selected,
            List<QueueEntryDraft> explore, ItemVectors vectors) {
        List<Object[]> order = new ArrayList<>(); // {itemId, score, reason}
        int e = 0;
        for (SelectedItem s : selected) {
            order.add(new Object[] {s.itemId(), s.score(), "STRATEGY"});
            if (e < explore.size()) {
                QueueEntryDraft x = explore.get(e++);
                order.add(new Object[] {x.itemId(), x.score(), "EXPLORATION"});
            }
        }
        while (e < explore.size()) {
            QueueEntryDraft x = explore.get(e++);
            order.add(new Object[] {x.itemId(), x.score(), "EXPLORATION"});
        }
        Map<Long, byte[]> encoded = new HashMap<>(vectors.of(projectId, order.stream().map(o -> (Long) o[0]).toList()));
        var scorer = model.scorer();
        List<QueueEntryDraft> drafts = new ArrayList<>(order.size());
        int rank = 1;
        for (Object[] o : order) {
            long itemId = (Long) o[0];
            byte[] v = encoded.get(itemId);
            String prediction = v == null ? null : json(model, scorer.predict(v));
            drafts.add(new QueueEntryDraft(itemId, rank++, (Double) o[1], (String) o[2], false, version, prediction));
        }
        return drafts;
    }

    static String json(LabelModel model, Prediction p) {
        return JSON.writeValueAsString(ModelPredictions.asPrediction(model, p));
    }
}
