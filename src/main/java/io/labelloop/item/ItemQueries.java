package io.labelloop.item;

import io.labelloop.item.ItemView.LabelView;
import io.labelloop.item.internal.FeatureSchemaStore;
import io.labelloop.item.internal.FeatureVectors;
import io.labelloop.shared.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads items (one, a page, an image) for the API. */
@Service
public class ItemQueries {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper mapper;
    private final List<ItemDetails> details;
    private final FeatureSchemaStore schemas;

    ItemQueries(JdbcClient jdbc, JsonMapper mapper, List<ItemDetails> details, FeatureSchemaStore schemas) {
        this.schemas = schemas;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.details = details;
    }

    /** The item with every label it has and the latest model's prediction. */
    @Transactional(readOnly = true)
    public ItemView get(long projectId, long itemId) {
        ItemView item = jdbc.sql("select * from items where project_id = ? and id = ?")
                .params(projectId, itemId)
                .query(rowMapper(projectId))
                .optional()
                .orElseThrow(() -> ApiException.notFound("item", itemId));
        List<LabelView> labels = new java.util.ArrayList<>(item.labels());
        Object prediction = null;
        List<ItemView.JudgmentView> judgments = new java.util.ArrayList<>();
        ItemView.ConsensusView consensus = null;
        for (ItemDetails d : details) {
            labels.addAll(d.labels(projectId, itemId));
            prediction = prediction != null ? prediction : d.prediction(projectId, itemId).orElse(null);
            judgments.addAll(d.judgments(projectId, itemId));
            consensus = consensus != null ? consensus : d.consensus(projectId, itemId).orElse(null);
        }
        return new ItemView(item.id(), item.externalId(), item.text(), item.features(), item.imageUrl(), item.metadata(),
                item.synthetic(), item.synthesis(), item.createdAt(), labels, prediction, judgments, consensus);
    }

    /** Several items of a project by id, in one query; missing ids are left out. */
    public Map<Long, ItemView> getAll(long projectId, java.util.Collection<Long> itemIds) {
        Map<Long, ItemView> out = new java.util.HashMap<>();
        jdbc.sql("select * from items where project_id = ? and id = any(?)")
                .params(projectId, itemIds.toArray(Long[]::new))
                .query(rowMapper(projectId))
                .list().forEach(v -> out.put(v.id(), v));
        return out;
    }

    /**
     * Reads an item of the project from a row that holds all of the {@code items} columns by their
     * names ({@code i.*}): this module's queries, and a statement of another module that reads its
     * items as it goes (a claim leases its entries and reads their items in one statement).
     */
    public RowMapper<ItemView> rowMapper(long projectId) {
        return new ItemRows(projectId);
    }

    /**
     * Maps rows to items. The feature names are read at most once and only if an item has features
     * (text and image items have none), on the connection the rows come from: outside a transaction
     * the pool would hand out a second connection, and as many concurrent callers as the pool has
     * connections, each holding one while waiting for another, would starve it.
     */
    private final class ItemRows implements RowMapper<ItemView> {
        private final long projectId;
        private List<String> names;

        ItemRows(long projectId) {
            this.projectId = projectId;
        }

        @Override
        public ItemView mapRow(ResultSet rs, int rowNum) throws SQLException {
            byte[] features = rs.getBytes("features");
            if (features != null && names == null) {
                names = FeatureSchemaStore.load(rs.getStatement().getConnection(), projectId);
            }
            return view(rs, projectId, features, names);
        }
    }

    /** A page of items in id order, after the given id (keyset pagination). */
    @Transactional(readOnly = true)
    public List<ItemView> page(long projectId, long afterId, int limit) {
        return jdbc.sql("select * from items where project_id = ? and id > ? order by id limit ?")
                .params(projectId, afterId, limit)
                .query(rowMapper(projectId))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Image> image(long projectId, long itemId) {
        return jdbc.sql("""
                select m.content_type, m.data from item_images m join items i on i.id = m.item_id
                where i.project_id = ? and i.id = ?""")
                .params(projectId, itemId)
                .query((rs, n) -> new Image(rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /** The project's feature names in storage order. */
    public List<String> featureNames(long projectId) {
        return schemas.load(projectId);
    }

    private ItemView view(ResultSet rs, long projectId, byte[] features, List<String> names) throws SQLException {
        long id = rs.getLong("id");
        String metadata = rs.getString("metadata");
        String imported = rs.getString("imported_label");
        var created = rs.getTimestamp("created_at").toInstant();
        List<LabelView> labels = imported == null ? List.of() : List.of(new LabelView(imported, "IMPORTED", null, created));
        return new ItemView(id, rs.getString("external_id"), rs.getString("text"),
                features == null ? null : FeatureVectors.named(features, names),
                rs.getBoolean("has_image") ? "/api/v1/projects/" + projectId + "/items/" + id + "/image" : null,
                metadata == null ? null : mapper.readValue(metadata, MAP),
                rs.getBoolean("synthetic"), provenance(rs), created, labels, null, null, null);
    }

    private static ItemView.Provenance provenance(ResultSet rs) throws SQLException {
        if (!rs.getBoolean("synthetic")) {
            return null;
        }
        java.sql.Array from = rs.getArray("derived_from");
        List<Long> derivedFrom = from == null ? List.of() : List.of((Long[]) from.getArray());
        var invalid = rs.getTimestamp("invalid_at");
        return new ItemView.Provenance(derivedFrom, rs.getString("synthesis_method"), rs.getString("synthesis_note"),
                rs.getObject("synthesis_seed", Long.class), invalid == null ? null : invalid.toInstant());
    }

    /** Stored image bytes and their media type. */
    public record Image(String contentType, byte[] data) {
    }
}
