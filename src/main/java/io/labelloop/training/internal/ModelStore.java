package io.labelloop.training.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.labelloop.learning.LabelModel;
import io.labelloop.training.ModelSummary;
import io.labelloop.training.TrainingSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model versions in PostgreSQL (they survive restarts), with models kept in memory up to a total weight
 * ({@code labelloop.training.model-cache-size}, weighed by {@link LabelModel#approximateBytes()}). A new
 * version replaces its project's older ones in memory, so what stays is the latest model of the projects
 * in use, which Caffeine's policy favours over one-off reads; anything else is read back from the database.
 */
@Repository
public class ModelStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SUMMARY_COLUMNS = """
            version, trained_at, label_count, human_labels, algorithm, metrics::text, provenance::text, train_millis,
            score_millis, items_scored, stop_kappa, stop_recommended, thresholds::text""";

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final Cache<Key, LabelModel> cache;
    private final long maxWeight;

    ModelStore(JdbcClient jdbc, JsonMapper mapper, TrainingSettings settings) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.maxWeight = settings.modelCacheSize().toBytes();
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxWeight)
                .weigher((Key key, LabelModel model) -> (int) Math.min(Integer.MAX_VALUE, model.approximateBytes()))
                .build();
    }

    private record Key(long projectId, int version) {
    }

    /** What the models kept in memory weigh now, and the most they may weigh, in bytes. */
    public record CacheWeight(long bytes, long maxBytes, long models) {
    }

    public CacheWeight cacheWeight() {
        cache.cleanUp();
        long bytes = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
        return new CacheWeight(bytes, maxWeight, cache.estimatedSize());
    }

    /** What a new version carries. */
    public record NewVersion(long projectId, int version, int labelCount, int humanLabels, String algorithm, Object metrics,
            Object provenance, long trainMillis, long scoreMillis, long itemsScored, Double stopKappa,
            boolean stopRecommended, List<String> stopPredictions, Object thresholds, LabelModel model) {
    }

    /** Stores a version (its number is one more than the latest; one cycle per project runs at a time). */
    public void insert(NewVersion v) {
        int version = v.version();
        jdbc.sql("""
                insert into model_versions (project_id, version, label_count, human_labels, algorithm, metrics, provenance,
                    train_millis, score_millis, items_scored, stop_kappa, stop_recommended, stop_predictions, thresholds, model)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(v.projectId(), version, v.labelCount(), v.humanLabels(), v.algorithm(),
                        mapper.writeValueAsString(v.metrics()), mapper.writeValueAsString(v.provenance()), v.trainMillis(),
                        v.scoreMillis(), v.itemsScored(), v.stopKappa(), v.stopRecommended(),
                        v.stopPredictions() == null ? null : v.stopPredictions().toArray(String[]::new),
                        v.thresholds() == null ? null : mapper.writeValueAsString(v.thresholds()), v.model().toBytes())
                .update();
        cache.asMap().keySet().removeIf(k -> k.projectId() == v.projectId() && k.version() < version);
        cache.put(new Key(v.projectId(), version), v.model());
    }

    public Optional<ModelSummary> latest(long projectId) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from model_versions where project_id = ? order by version desc limit 1")
                .param(projectId).query(this::summary).optional();
    }

    public List<ModelSummary> all(long projectId) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from model_versions where project_id = ? order by version")
                .param(projectId).query(this::summary).list();
    }

    /** The model of a version, from memory or deserialised once. */
    public LabelModel model(long projectId, int version) {
        return cache.get(new Key(projectId, version), key -> LabelModel.fromBytes(jdbc
                .sql("select model from model_versions where project_id = ? and version = ?")
                .params(projectId, version).query((rs, n) -> rs.getBytes(1)).single()));
    }

    /** Stop-set predictions of the most recent versions, oldest first. */
    public List<List<String>> recentStopPredictions(long projectId, int versions) {
        List<List<String>> newestFirst = jdbc.sql("""
                select stop_predictions from model_versions where project_id = ? and stop_predictions is not null
                order by version desc limit ?""")
                .params(projectId, versions)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray()))
                .list();
        return newestFirst.reversed();
    }

    private ModelSummary summary(ResultSet rs, int n) throws SQLException {
        String thresholds = rs.getString(13);
        double kappa = rs.getDouble(11);
        Double stopKappa = rs.wasNull() ? null : kappa;
        return ModelSummary.of(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4), rs.getString(5),
                mapper.readValue(rs.getString(6), MAP), mapper.readValue(rs.getString(7), MAP), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), stopKappa, rs.getBoolean(12), thresholds == null ? null : mapper.readValue(thresholds, MAP));
    }
}
