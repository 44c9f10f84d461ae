package io.labelloop.embedding;

import io.labelloop.embedding.internal.EncoderHolder;
import io.labelloop.embedding.internal.ProjectVectors;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import io.labelloop.shared.JdbcTransactions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Search by meaning in a TEXT project: the items nearest to a typed phrase, or to another item, by cosine
 * similarity of their sentence embeddings. Exact (every embedded item is compared), over the items embedded
 * so far: while the job runs, items it has not reached are not found yet.
 */
@Service
public class EmbeddingSearch {

    /** Most results one call returns. */
    public static final int MAX_LIMIT = 200;

    private final EncoderHolder encoder;
    private final ProjectVectors vectors;
    private final JdbcTransactions transactions;
    private final JdbcClient jdbc;

    EmbeddingSearch(EncoderHolder encoder, ProjectVectors vectors, JdbcTransactions transactions, JdbcClient jdbc) {
        this.encoder = encoder;
        this.vectors = vectors;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** The items nearest in meaning to the text {@code q}. */
    public List<SimilarItem> search(Project project, String q, int limit) {
        requireText(project);
        if (q == null || q.isBlank()) {
            throw ApiException.invalid("q", "type a phrase to search for");
        }
        if (q.length() > 10_000) {
            throw ApiException.invalid("q", "at most 10000 characters");
        }
        checkLimit(limit);
        Int8Vector query = Int8Vector.of(encoder.get().encode(List.of(q))[0]);
        return nearest(project.id(), query, limit, -1);
    }

    /** The items nearest in meaning to item {@code itemId} of the project (itself left out). */
    public List<SimilarItem> similar(Project project, long itemId, int limit) {
        return similar(project, itemId, limit, false);
    }

    /**
     * The items nearest in meaning to item {@code itemId} (itself left out); with {@code labeledOnly} among the
     * items that have a human's or an imported label only: the labeling page shows them beside the item, so that
     * an annotator labels like cases alike.
     */
    public List<SimilarItem> similar(Project project, long itemId, int limit, boolean labeledOnly) {
        requireText(project);
        checkLimit(limit);
        Int8Vector query = vectors.of(project.id(), itemId);
        if (query == null) {
            boolean exists = jdbc.sql("select exists (select 1 from items where project_id = ? and id = ?)")
                    .params(project.id(), itemId).query(Boolean.class).single();
            if (!exists) {
                throw ApiException.notFound("item", itemId);
            }
            throw ApiException.conflict("item " + itemId + " is not embedded yet; GET /embeddings shows the progress");
        }
        return nearest(project.id(), query, limit, itemId, labeledOnly);
    }

    /**
     * The labeled items nearest to item {@code itemId}, for the labeling page: none (rather than a problem) for a
     * project that is not TEXT or an item not embedded yet, since the page asks for every item it shows.
     */
    public List<SimilarItem> labeledNeighbours(Project project, long itemId, int limit) {
        checkLimit(limit);
        if (project.taskType() != TaskType.TEXT) {
            return List.of();
        }
        Int8Vector query = vectors.of(project.id(), itemId);
        return query == null ? List.of() : nearest(project.id(), query, limit, itemId, true);
    }

    private List<SimilarItem> nearest(long projectId, Int8Vector query, int limit, long exclude) {
        return nearest(projectId, query, limit, exclude, false);
    }

    private List<SimilarItem> nearest(long projectId, Int8Vector query, int limit, long exclude, boolean labeledOnly) {
        // In a transaction, so that a project scanned from the database streams its rows (fetch size).
        var hits = transactions.required().execute(tx -> labeledOnly
                ? vectors.nearestLabeled(projectId, query, limit, exclude)
                : vectors.nearest(projectId, query, limit, exclude));
        if (hits == null || hits.isEmpty()) {
            return List.of();
        }
        Map<Long, SimilarItem> rows = new HashMap<>();
        jdbc.sql("""
                select i.id, i.external_id, i.text,
                       coalesce((select l.label from labels l where l.item_id = i.id and l.source = 'HUMAN'
                                 order by l.updated_at desc limit 1), i.imported_label)
                from items i where i.project_id = ? and i.id = any(?)""")
                .params(projectId, hits.stream().map(h -> h.itemId()).toArray(Long[]::new))
                .query((rs, n) -> new SimilarItem(rs.getLong(1), rs.getString(2), rs.getString(3), 0, rs.getString(4)))
                .list().forEach(s -> rows.put(s.itemId(), s));
        return hits.stream().filter(h -> rows.containsKey(h.itemId())).map(h -> {
            SimilarItem s = rows.get(h.itemId());
            return new SimilarItem(s.itemId(), s.externalId(), s.text(), Math.round(h.similarity() * 1e4) / 1e4, s.label());
        }).toList();
    }

    private static void requireText(Project project) {
        if (project.taskType() != TaskType.TEXT) {
            throw ApiException.conflict("search by meaning is for TEXT projects; this one is " + project.taskType());
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "between 1 and " + MAX_LIMIT);
        }
    }
}
