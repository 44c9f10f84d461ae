package io.labelloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Typed calls on one project's API ({@code ../shared/API.md}) for tests, as one caller: the paths are
 * written here once instead of by hand in each test. Calls answer the raw {@link Response} where tests look
 * at statuses; helpers that assert a status say so.
 */
public final class ProjectApi {

    private final Api api;
    private final long id;
    private final String token;

    public ProjectApi(Api api, long id, String token) {
        this.api = api;
        this.id = id;
        this.token = token;
    }

    /** Creates a project as {@code token} (201 asserted) from its settings as the API takes them. */
    public static ProjectApi create(Api api, String token, Map<String, ?> settings) {
        Response created = api.post("/api/v1/projects", token, settings);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new ProjectApi(api, created.json().get("id").asLong(), token);
    }

    public long id() {
        return id;
    }

    /** The caller's API token. */
    public String token() {
        return token;
    }

    /** The same project as another caller. */
    public ProjectApi as(String otherToken) {
        return new ProjectApi(api, id, otherToken);
    }

    private String path(String tail) {
        return "/api/v1/projects/" + id + tail;
    }

    /** Uploads a CSV body ({@code POST .../items}, text/csv). */
    public Response uploadCsv(String csv) {
        return api.postRaw(path("/items"), token, "text/csv", csv);
    }

    /** Uploads JSON rows ({@code POST .../items}). */
    public Response upload(List<? extends Map<String, ?>> rows) {
        return api.post(path("/items"), token, rows);
    }

    /** {@code POST .../queue/claims} for {@code count} items. */
    public Response claim(int count) {
        return api.post(path("/queue/claims"), token, Map.of("count", count));
    }

    /** The items of a claim (200 asserted). */
    public JsonNode claimItems(int count) {
        Response r = claim(count);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    /** {@code POST .../items/{itemId}/labels}. */
    public Response label(long itemId, String label) {
        return api.post(path("/items/" + itemId + "/labels"), token, Map.of("label", label));
    }

    /** {@code DELETE .../items/{itemId}/labels/mine}. */
    public Response undo(long itemId) {
        return api.delete(path("/items/" + itemId + "/labels/mine"), token);
    }

    /** {@code POST .../items/{itemId}/skip}. */
    public Response skip(long itemId) {
        return api.postRaw(path("/items/" + itemId + "/skip"), token, "application/json", "");
    }

    /** {@code GET .../stats} (200 asserted). */
    public JsonNode stats() {
        Response r = api.get(path("/stats"), token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** A training run now ({@code POST .../training-runs?wait=true}). */
    public Response trainNow() {
        return api.post(path("/training-runs?wait=true"), token, Map.of());
    }

    /** {@code POST .../members}. */
    public Response addMember(String username) {
        return api.post(path("/members"), token, Map.of("username", username));
    }

    /**
     * One claim of {@code count} items, each labeled with the label {@code truth} gives it (null: left claimed,
     * unlabeled); every label answered 201. Returns the items the claim handed out.
     */
    public List<JsonNode> labelClaim(int count, Function<JsonNode, String> truth) {
        List<JsonNode> claimed = new ArrayList<>();
        for (JsonNode item : claimItems(count)) {
            claimed.add(item);
            String label = truth.apply(item);
            if (label != null) {
                Response r = label(item.get("itemId").asLong(), label);
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
            }
        }
        return claimed;
    }

    /**
     * Labels {@code n} items as an oracle would: claims of at most 10, each item labeled with its true label by
     * external id, until {@code n} are labeled or a claim comes back empty. Returns how many were labeled.
     */
    public int labelByOracle(int n, Map<String, String> truth) {
        int done = 0;
        while (done < n) {
            List<JsonNode> claimed = labelClaim(Math.min(10, n - done), byExternalId(truth));
            if (claimed.isEmpty()) {
                break;
            }
            done += claimed.size();
        }
        return done;
    }

    /** A truth function for {@link #labelClaimed} that reads each item's true label by its external id. */
    public static Function<JsonNode, String> byExternalId(Map<String, String> truth) {
        return item -> truth.get(item.get("externalId").asString());
    }
}
