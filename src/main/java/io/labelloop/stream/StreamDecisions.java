package io.labelloop.stream;

import io.labelloop.stream.StreamDecision.Decision;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stream's decisions as stored in {@code stream_decisions}, one per item (in the caller's transaction). */
@Component
class StreamDecisions {

    private final JdbcClient jdbc;

    StreamDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The decision taken when the item arrived before, if it did. */
    Optional<StreamDecision> earlier(long itemId, String externalId) {
        return jdbc.sql("select decision, label, confidence, model_version from stream_decisions where item_id = ?")
                .param(itemId)
                .query((rs, n) -> {
                    double c = rs.getDouble(3);
                    Double confidence = rs.wasNull() ? null : c;
                    int v = rs.getInt(4);
                    Integer version = rs.wasNull() ? null : v;
                    return new StreamDecision(itemId, externalId, Decision.valueOf(rs.getString(1)),
                            rs.getString(2), confidence, version);
                })
                .optional();
    }

    /** Stores the item's decision; {@code audit}: an auto-labeled item drawn for a human audit. */
    void record(long projectId, StreamDecision decision, boolean audit) {
        jdbc.sql("""
                insert into stream_decisions (item_id, project_id, decision, label, confidence, model_version, audit)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(decision.itemId(), projectId, decision.decision().name(), decision.label(), decision.confidence(),
                        decision.modelVersion(), audit)
                .update();
    }
}
