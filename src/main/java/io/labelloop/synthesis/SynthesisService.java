package io.labelloop.synthesis;

import io.labelloop.item.ItemQueries;
import io.labelloop.item.ItemView;
import io.labelloop.item.SyntheticItems.Payload;
import io.labelloop.item.SyntheticItems;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.Prediction;
import io.labelloop.learning.TaskType;
import io.labelloop.learning.synthesis.SynthesisOptions;
import io.labelloop.learning.synthesis.SynthesisSeed;
import io.labelloop.learning.synthesis.Synthesizer;
import io.labelloop.learning.synthesis.SyntheticDraft;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueBoard;
import io.labelloop.shared.AdvisoryLocks;
import io.labelloop.shared.Seeds;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelPredictions.PoolScorer;
import io.labelloop.training.ModelPredictions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes synthetic items for a project and queues them: seeds are a random sample of real items (unlabeled
 * ones with the latest model's uncertainty, and labeled ones, which mark covered regions), the learning
 * core's {@link Synthesizer} makes the drafts, each is stored with its provenance, scored by the model and
 * queued among the real items by its uncertainty. The share of synthetic items in the queue never exceeds
 * the project's {@code synthesisMaxShare}; one project synthesizes at a time (an advisory lock).
 */
@Service
public class SynthesisService {

    /** Most items one request makes. */
    public static final int MAX_PER_REQUEST = 100;
    private static final int UNLABELED_SEEDS = 2000;
    private static final int LABELED_SEEDS = 500;

    private final SyntheticItems items;
    private final ItemQueries queries;
    private final QueueBoard queue;
    private final ModelPredictions models;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SynthesisService(SyntheticItems items, ItemQueries queries, QueueBoard queue, ModelPredictions models, JdbcClient jdbc,
            JsonMapper json) {
        this.items = items;
        this.queries = queries;
        this.queue = queue;
        this.models = models;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A created item as the API shows it, with the model's view of it. */
    public record Created(long itemId, String externalId, boolean synthetic, List<Long> derivedFrom, String method,
            String description, String text, Map<String, Float> features, String imageUrl, double score,
            ModelPredictions.PredictionView prediction) {
    }

    /**
     * @param items     what was made and queued
     * @param requested how many the caller asked for
     * @param allowed   how many the queue cap allowed at the time
     */
    public record Result(List<Created> items, int requested, long allowed) {
    }

    /**
     * Makes up to {@code count} synthetic items (within the cap) and queues them. 409 when synthesis is
     * off, labeling is stopped, or the queue already holds its share of synthetic items.
     */
    @Transactional
    public Result synthesize(Project project, int count) {
        if (!project.synthesis().synthesisEnabled()) {
            throw ApiException.conflict("synthesis is off for this project: set synthesisEnabled to true first");
        }
        if (project.queue().stopped()) {
            throw ApiException.conflict("labeling is stopped for this project");
        }
        lock(project);
        long allowed = allowed(project);
        if (allowed <= 0) {
            QueueBoard.SyntheticShare share = queue.syntheticShare(project.id());
            throw ApiException.conflict(String.format(
                    "the queue already holds its share of synthetic items (%d synthetic beside %d real; at most %.0f%%): "
                            + "label some first or raise synthesisMaxShare",
                    share.synthetic(), share.real(), project.synthesis().synthesisMaxShare() * 100));
        }
        int wanted = (int) Math.min(count, allowed);
        return new Result(make(project, wanted), count, allowed);
    }

    /**
     * Tops the queue up to its synthetic share after a new model, making only as many as keep the number of
     * unlabeled synthetic items at or below what the cap allows (so the pool does not fill up with them).
     */
    @Transactional
    public int topUp(Project project) {
        if (!project.synthesis().synthesisEnabled() || project.queue().stopped()) {
            return 0;
        }
        lock(project);
        long allowed = allowed(project);
        long waiting = jdbc.sql("""
                select count(*) from items i where i.project_id = ? and i.synthetic and i.invalid_at is null
                and not exists (select 1 from labels l where l.item_id = i.id and l.source = 'HUMAN')
                and not exists (select 1 from queue_entries q where q.item_id = i.id)""")
                .param(project.id()).query(Long.class).single();
        int wanted = (int) Math.min(MAX_PER_REQUEST, allowed - waiting);
        return wanted <= 0 ? 0 : make(project, wanted).size();
    }

    /** One synthesis per project at a time (until the transaction ends), so the cap holds under concurrency. */
    private void lock(Project project) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(AdvisoryLocks.SYNTHESIS, Math.toIntExact(project.id()))
                .query(Object.class).single();
    }

    /** Synthetic entries the cap still allows: s + k <= share * (r + s + k). */
    private long allowed(Project project) {
        QueueBoard.SyntheticShare share = queue.syntheticShare(project.id());
        double f = project.synthesis().synthesisMaxShare();
        return (long) Math.floor(f * share.real() / (1 - f) + 1e-9) - share.synthetic();
    }

    /**
     * The seed of one synthesis: named, and derived from the project and how many synthetic items it
     * holds (read under the project's synthesis lock), so the same project state makes the same items.
     */
    private long seed(Project project) {
        long made = jdbc.sql("select count(*) from items where project_id = ? and synthetic").param(project.id())
                .query(Long.class).single();
        return Seeds.of("synthesis", project.id(), made);
    }

    private List<Created> make(Project project, int count) {
        TaskType type = project.taskType();
        long seed = seed(project);
        List<Payload> sample = items.sample(project.id(), type, UNLABELED_SEEDS, LABELED_SEEDS, seed);
        boolean images = sample.stream().anyMatch(Payload::image);
        List<Payload> payloads = type == TaskType.IMAGE
                ? sample.stream().filter(p -> p.image() == images).toList() : sample;
        if (payloads.isEmpty()) {
            throw ApiException.conflict("the project has no items to start from");
        }
        Optional<PoolScorer> scorer = models.poolScorer(project.id());
        PixelScale scale = type == TaskType.IMAGE ? PixelScale.of(payloads, images) : null;
        List<SynthesisSeed> seeds = new ArrayList<>();
        for (Payload p : payloads) {
            Prediction prediction = scorer.map(s -> s.predict(p.encoded(), p.text())).orElse(null);
            double uncertainty = prediction == null ? 0 : Math.clamp(1 - prediction.confidence(), 0, 1);
            seeds.add(new SynthesisSeed(p.itemId(), type == TaskType.TEXT ? nonNull(p.text()) : null,
                    type == TaskType.TEXT ? null : scale == null ? p.values() : scale.down(p.values()),
                    prediction == null ? null : prediction.label(), uncertainty, p.knownLabel()));
        }
        List<SyntheticDraft> drafts = Synthesizer.synthesize(type, seeds, new SynthesisOptions(count,
                Seeds.of("synthesis.drafts", seed), project.synthesis().synthesisAllowFlips(),
                scale == null ? 0 : scale.width(), scale == null ? 0 : scale.height()));
        List<SyntheticItems.Draft> toStore = drafts.stream().map(d -> new SyntheticItems.Draft(d.text(),
                type == TaskType.TABULAR ? d.values() : type == TaskType.IMAGE && !images ? scale.up(d.values()) : null,
                type == TaskType.IMAGE && images ? png(d.values(), scale.width(), scale.height()) : null,
                d.derivedFrom(), d.method(), d.description())).toList();
        List<SyntheticItems.Stored> stored = items.store(project.id(), type, toStore, seed);
        Map<Long, ItemView> views = queries.getAll(project.id(), stored.stream().map(SyntheticItems.Stored::itemId).toList());
        List<Created> created = new ArrayList<>();
        for (SyntheticItems.Stored s : stored) {
            long id = s.itemId();
            ItemView v = views.get(id);
            Optional<ModelPredictions.Scored> scored = scorer.map(m -> m.score(s.encoded(), v.text()));
            double uncertainty = scored.map(p -> Math.clamp(1 - p.confidence(), 0, 1)).orElse(1.0);
            ModelPredictions.PredictionView prediction = scored.map(ModelPredictions.Scored::asPrediction).orElse(null);
            queue.enqueueSynthetic(project.id(), id, uncertainty, scored.map(ModelPredictions.Scored::modelVersion).orElse(null),
                    prediction == null ? null : json.writeValueAsString(prediction));
            created.add(new Created(id, v.externalId(), true, v.synthesis().derivedFrom(), v.synthesis().method(),
                    v.synthesis().description(), v.text(), v.features(), v.imageUrl(), uncertainty, prediction));
        }
        return created;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static byte[] png(float[] grey, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, Math.round(Math.clamp(grey[y * width + x], 0f, 1f) * 255));
            }
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * IMAGE seeds as a grey grid in [0,1]: stored images are decoded to the encoder's square; pixel
     * features are divided by their largest value (255 for 8-bit pixels, 16 for sklearn's digits) and laid
     * out as a square when their count is one, else as one row.
     */
    private record PixelScale(float max, int width, int height) {

        static PixelScale of(List<Payload> payloads, boolean images) {
            if (images) {
                return new PixelScale(1, ItemEncoder.IMAGE_SIDE, ItemEncoder.IMAGE_SIDE);
            }
            float max = 1;
            for (Payload p : payloads) {
                for (float v : p.values()) {
                    if (v > max) {
                        max = v;
                    }
                }
            }
            int d = payloads.getFirst().values().length;
            int side = (int) Math.round(Math.sqrt(d));
            return side * side == d ? new PixelScale(max, side, side) : new PixelScale(max, d, 1);
        }

        float[] down(float[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = Float.isNaN(values[i]) ? 0 : Math.clamp(values[i] / max, 0f, 1f);
            }
            return out;
        }

        float[] up(float[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] * max;
            }
            return out;
        }
    }
}
