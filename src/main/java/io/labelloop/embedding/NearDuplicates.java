package io.labelloop.embedding;

import io.labelloop.embedding.internal.SketchIndex;
import io.labelloop.item.StoredUpload;
import io.labelloop.item.UploadFollowUp;
import io.labelloop.learning.TaskType;
import io.labelloop.project.Project;
import io.labelloop.queue.QueueEntryDraft;
import io.labelloop.queue.QueueReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Near-duplicates of TEXT items: the same meaning under another externalId (exact copies of a text included). When
 * the embedding job embeds a batch, each item is compared with the project's items embedded before it (candidates
 * by {@link SketchIndex}, then the exact cosine of the int8 vectors) and with the earlier items of its batch; the
 * nearest at {@code labelloop.embedding.near-duplicate-similarity} or more is recorded in {@code near_duplicates}.
 * An upload's report counts them once its items are embedded, and with {@code skipNearDuplicates} a cycle does not
 * queue an item whose near-duplicate is labeled or queued.
 */
@Service
public class NearDuplicates implements UploadFollowUp {

    /** Sketch candidates checked exactly per item. */
    static final int CANDIDATES = 4;
    /** Examples listed in an upload's report. */
    static final int EXAMPLES = 5;
    private static final int SNIPPET = 200;

    /** An item found to mean the same as an item embedded before it. */
    public record Pair(long itemId, long duplicateOf, double similarity) {
    }

    private final JdbcClient jdbc;
    private final SketchIndex sketches;
    private final double threshold;
    private final int maxHamming;

    NearDuplicates(JdbcClient jdbc, SketchIndex sketches, EmbeddingSettings settings) {
        this.jdbc = jdbc;
        this.sketches = sketches;
        this.threshold = settings.nearDuplicateSimilarity();
        this.maxHamming = SketchIndex.maxHamming(threshold);
    }

    /**
     * Inside the job's transaction, before the batch's vectors are stored: finds and records the near-duplicates
     * among the batch (items of one project, in id order).
     */
    public List<Pair> detect(long projectId, List<Long> itemIds, List<Int8Vector> vectors) {
        if (threshold > 1 || itemIds.isEmpty()) {
            return List.of();
        }
        int n = itemIds.size();
        long[] queries = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long[] s = SketchIndex.sketch(vectors.get(i).bytes());
            queries[2 * i] = s[0];
            queries[2 * i + 1] = s[1];
        }
        long[][] candidates = sketches.candidates(projectId, queries, CANDIDATES, maxHamming);
        Set<Long> wanted = new HashSet<>();
        for (long[] c : candidates) {
            for (long id : c) {
                wanted.add(id);
            }
        }
        Map<Long, Int8Vector> stored = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("select item_id, vector, scale from item_embeddings where item_id = any(?)")
                    .param(wanted.toArray(Long[]::new))
                    .query(rs -> {
                        stored.put(rs.getLong(1), new Int8Vector(rs.getBytes(2), rs.getFloat(3)));
                    });
        }
        List<Pair> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Int8Vector v = vectors.get(i);
            if (v.scale() == 0) {
                continue; // a blank text: nobody's duplicate
            }
            long best = -1;
            double bestSim = threshold;
            for (long id : candidates[i]) {
                Int8Vector o = stored.get(id);
                double sim = o == null || id == itemIds.get(i) ? -1 : cosine(v, o);
                if (sim >= bestSim) {
                    best = id;
                    bestSim = sim;
                }
            }
            for (int j = 0; j < i; j++) {
                double sim = cosine(v, vectors.get(j));
                if (sim >= bestSim) {
                    best = itemIds.get(j);
                    bestSim = sim;
                }
            }
            if (best >= 0) {
                found.add(new Pair(itemIds.get(i), best, bestSim));
            }
        }
        for (Pair p : found) {
            jdbc.sql("""
                    insert into near_duplicates (item_id, project_id, duplicate_of, similarity) values (?, ?, ?, ?)
                    on conflict (item_id) do nothing""")
                    .params(p.itemId(), projectId, p.duplicateOf(), (float) p.similarity()).update();
        }
        return found;
    }

    /** After the batch's transaction committed: its vectors join the candidates of later batches. */
    public void stored(long projectId, List<Long> itemIds, List<Int8Vector> vectors) {
        if (threshold <= 1) {
            sketches.add(projectId, itemIds, vectors);
        }
    }

    private static double cosine(Int8Vector a, Int8Vector b) {
        double na = a.squaredNorm();
        double nb = b.squaredNorm();
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Int8Vector.dot(a.bytes(), b.bytes()) * (double) a.scale() * b.scale() / Math.sqrt(na * nb);
    }

    /**
     * The drafts a cycle would queue, less those that are near-duplicates of an item already labeled (by a human
     * or imported), kept in the queue (leased, stream, audit, synthetic, guided, holdout, waiting for judgments) or
     * drafted at a better rank. Unchanged unless the project's {@code skipNearDuplicates} is set.
     */
    public List<QueueEntryDraft> withoutNearDuplicates(Project project, List<QueueEntryDraft> drafts) {
        if (project.taskType() != TaskType.TEXT || !Boolean.TRUE.equals(project.queue().skipNearDuplicates())
                || drafts.isEmpty()) {
            return drafts;
        }
        Long[] ids = drafts.stream().map(QueueEntryDraft::itemId).toArray(Long[]::new);
        Map<Long, List<Long>> partners = new HashMap<>();
        jdbc.sql("""
                select t.item_id, n.other from unnest(?::bigint[]) t(item_id)
                join lateral (select d.duplicate_of as other from near_duplicates d where d.item_id = t.item_id
                              union all
                              select d.item_id from near_duplicates d where d.duplicate_of = t.item_id) n on true""")
                .param(ids)
                .query(rs -> {
                    partners.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        if (partners.isEmpty()) {
            return drafts;
        }
        Long[] others = partners.values().stream().flatMap(List::stream).distinct().toArray(Long[]::new);
        Set<Long> covered = new HashSet<>(jdbc.sql("""
                select x from unnest(?::bigint[]) x
                where not exists (select 1 from unlabeled_items u where u.item_id = x)
                   or exists (select 1 from queue_entries q where q.item_id = x
                              and (q.reason in %s or q.holdout or q.overlap or q.lease_expires_at > now()))"""
                        .formatted(QueueReason.sqlList(QueueReason.KEPT)))
                .param(others).query(Long.class).list());
        Set<Long> dropped = new HashSet<>();
        for (QueueEntryDraft d : drafts.stream().sorted(Comparator.comparingInt(QueueEntryDraft::rank)).toList()) {
            if (partners.getOrDefault(d.itemId(), List.of()).stream().anyMatch(covered::contains)) {
                dropped.add(d.itemId());
            } else {
                covered.add(d.itemId());
            }
        }
        return dropped.isEmpty() ? drafts : drafts.stream().filter(d -> !dropped.contains(d.itemId())).toList();
    }

    @Override
    public String field() {
        return "nearDuplicates";
    }

    /**
     * How many of the upload's items mean the same as an item embedded before them (another item of the project,
     * or of the same upload), with examples, once the upload's items are embedded ({@code state} DONE; PENDING
     * with {@code embedded} of {@code items} before). Null for projects of other task types.
     */
    @Override
    public Object about(Project project, StoredUpload upload) {
        if (project.taskType() != TaskType.TEXT) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        long first = upload.firstItemId() == null ? 0 : upload.firstItemId();
        long last = upload.lastItemId() == null ? -1 : upload.lastItemId();
        long[] counts = jdbc.sql("""
                select (select count(*) from items where project_id = :p and id between :a and :b),
                       (select count(*) from item_embeddings where project_id = :p and item_id between :a and :b),
                       (select count(*) from near_duplicates where project_id = :p and item_id between :a and :b)""")
                .param("p", project.id()).param("a", first).param("b", last)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
        out.put("state", counts[1] >= counts[0] ? "DONE" : "PENDING");
        out.put("items", counts[0]);
        out.put("embedded", counts[1]);
        out.put("count", counts[2]);
        out.put("similarity", threshold);
        out.put("examples", jdbc.sql("""
                select d.item_id, a.external_id, a.text, d.duplicate_of, b.external_id, b.text, d.similarity
                from near_duplicates d join items a on a.id = d.item_id join items b on b.id = d.duplicate_of
                where d.project_id = ? and d.item_id between ? and ?
                order by d.similarity desc, d.item_id limit ?""")
                .params(project.id(), first, last, EXAMPLES)
                .query((rs, n) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("itemId", rs.getLong(1));
                    e.put("externalId", rs.getString(2));
                    e.put("text", snippet(rs.getString(3)));
                    Map<String, Object> of = new LinkedHashMap<>();
                    of.put("itemId", rs.getLong(4));
                    of.put("externalId", rs.getString(5));
                    of.put("text", snippet(rs.getString(6)));
                    e.put("duplicateOf", of);
                    e.put("similarity", Math.round(rs.getDouble(7) * 1000) / 1000.0);
                    return e;
                }).list());
        return out;
    }

    private static String snippet(String text) {
        return text == null || text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
    }
}
