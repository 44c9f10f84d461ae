package io.labelloop.shared.fuzz;

import io.labelloop.shared.fuzz.ApiOperations.Operation;
import io.labelloop.shared.fuzz.FuzzContext.Caller;
import io.labelloop.support.RawExchange.Header;
import io.labelloop.support.RawExchange.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * A seeded generator of malformed requests over a list of operations: each request is one
 * operation with one kind of damage (see {@link Damage}), sent by one of the context's callers.
 * The same seed gives the same sequence of requests for the same document and context.
 */
public final class MalformedRequests {

    /** What is wrong with a request. */
    public enum Damage {
        BAD_PATH, BAD_QUERY, WRONG_JSON_VALUES, BROKEN_JSON, DEEP_NESTING, INVALID_UTF8, CONTENT_TYPE,
        BROKEN_CSV_OR_NDJSON, BAD_GZIP, OVERSIZED, HEADERS
    }

    /** One generated request: its place in the sequence, what it aims at, what is wrong with it, and who sends it. */
    public record Case(int index, Operation operation, Damage damage, Caller caller, Request request) {
    }

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "multipart/form-data",
            "multipart/form-data; boundary=xyz", "multipart/mixed", "application/x-www-form-urlencoded", "*/*", "application/*",
            "garbage", "application/json; charset=utf-7", "application/json; charset=nope", "application/json;;;",
            "application/json, text/csv", ";", "text/csv; charset=utf-16", "application/x-ndjson; q=x", "image/png",
            "application/json; boundary=\"", "a".repeat(3000) + "/json", "application/problem+json", "text/html; charset=\u00e9");

    private final List<Operation> operations;
    private final FuzzContext context;
    private final JsonBodies json;
    private final int totalWeight;

    public MalformedRequests(JsonNode document, List<Operation> operations, FuzzContext context) {
        this.operations = operations;
        this.context = context;
        this.json = new JsonBodies(document);
        this.totalWeight = context.callers().stream().mapToInt(Caller::weight).sum();
    }

    /** Request {@code index} of the sequence: operations in turn, damage and caller drawn from the random. */
    public Case next(Random random, int index) {
        Operation op = operations.get(index % operations.size());
        Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
        if (op.destructive()) {
            damage = Damage.BAD_PATH; // a DELETE with every id real would delete what the run checks
        }
        Caller caller = caller(random);
        String path = RequestTargets.valid(random, op, context);
        byte[] target = RequestTargets.bytes(path);
        String jsonText = json.mutate(random, json.baseline(random, op.bodySchema(), context));
        byte[] body = op.bodyTypes().isEmpty() && random.nextInt(4) > 0 ? new byte[0] : RawBodies.utf8(jsonText);
        String contentType = op.bodyTypes().isEmpty() ? (body.length > 0 ? "application/json" : null) : "application/json";
        List<Header> extra = new ArrayList<>();
        switch (damage) {
            case BAD_PATH -> target = RequestTargets.badPath(random, op, context);
            case BAD_QUERY -> target = RequestTargets.bytes(path + RequestTargets.badQuery(random, op));
            case WRONG_JSON_VALUES -> {
                // the mutated body as it is
            }
            case BROKEN_JSON -> body = RawBodies.brokenSyntax(random, jsonText);
            case DEEP_NESTING -> body = RawBodies.deepNesting(random);
            case INVALID_UTF8 -> body = RawBodies.invalidUtf8(random, jsonText);
            case CONTENT_TYPE -> contentType = random.nextInt(6) == 0 ? null : CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            case BROKEN_CSV_OR_NDJSON -> {
                boolean csv = random.nextBoolean();
                body = csv ? RawBodies.brokenCsv(random) : RawBodies.brokenNdjson(random);
                contentType = csv ? "text/csv" : "application/x-ndjson";
            }
            case BAD_GZIP -> {
                body = RawBodies.badGzip(random, body);
                extra.add(new Header("Content-Encoding", random.nextInt(5) == 0 ? "gzip, br" : "gzip"));
                if (!op.bodyTypes().isEmpty() && random.nextBoolean()) {
                    contentType = random.nextBoolean() ? "text/csv" : "application/x-ndjson";
                }
            }
            case OVERSIZED -> {
                body = RawBodies.oversized(random);
                if (random.nextBoolean()) {
                    body = io.labelloop.support.RawExchange.chunked(body);
                    extra.add(new Header("Transfer-Encoding", "chunked"));
                }
            }
            case HEADERS -> body = OddHeaders.apply(random, extra, body);
        }
        List<Header> headers = new ArrayList<>();
        if (!(damage == Damage.HEADERS && OddHeaders.replacesAuthorization(extra))) {
            headers.add(new Header("Authorization", "Bearer " + caller.token()));
        }
        if (contentType != null) {
            headers.add(new Header("Content-Type", contentType));
        }
        if (extra.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Length") || h.name().equalsIgnoreCase("Transfer-Encoding"))) {
            headers.add(new Header("Content-Length", Integer.toString(body.length)));
        }
        headers.addAll(extra);
        return new Case(index, op, damage, caller, new Request(op.method(), target, List.copyOf(headers), body));
    }

    private Caller caller(Random random) {
        int pick = random.nextInt(totalWeight);
        for (Caller c : context.callers()) {
            pick -= c.weight();
            if (pick < 0) {
                return c;
            }
        }
        return context.callers().getFirst();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
