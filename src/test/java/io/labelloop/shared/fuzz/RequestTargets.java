package io.labelloop.shared.fuzz;

import io.labelloop.shared.fuzz.ApiOperations.Operation;
import io.labelloop.shared.fuzz.ApiOperations.Parameter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Request targets (path and query, as raw bytes on the wire) for an operation: real ids of the
 * fuzz's projects, or ids and values no client should send: negative, huge, non-numeric, encoded
 * NUL and slashes, invalid and overlong percent escapes, raw bytes the URI syntax forbids.
 */
final class RequestTargets {

    /** Path segments that are not an id of anything, each as it goes on the wire. */
    private static final List<String> BAD_SEGMENTS = List.of("-1", "0", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999999999", "abc", "1.5", "1e3", "0x10", "%00", "1%00", "..%2f",
            "..%2F..%2Fetc", "%2e%2e", "%2e%2e%2f", "%2f", "1%2f2", "%5c", "..%5c", "%", "%zz", "%4", "%c0%ae%c0%ae",
            "%c0%af", "%ff%fe", "%e2%82", "%ed%a0%80", ";a=b", "1;jsessionid=x", "..", ".", "%20", "+", "%0d%0a",
            "%u0041", "~", "%25", "%2525", "1%20OR%201=1", "'", "%3Cscript%3E", "\u00e9", "\u00ff", "a b", "{id}",
            "x".repeat(10_000), "1" + "0".repeat(400), "%C3%A9", "\u0001", "\\", "|", "^", "`", "\"", "<", ">");

    private static final List<String> BAD_VALUES = List.of("", "-1", "0", "abc", "1e3", "1.5", "99999999999999999999",
            "-9223372036854775809", "maybe", "TRUE ", "%00", "%zz", "%", "%ff", "..%2f", "x".repeat(5_000),
            "NOPE", "csv,jsonl", "%0d%0aX-Injected:%201", "[]", "{}", "null");

    private RequestTargets() {
    }

    /** The target with real ids (of one of the context's projects). */
    static String valid(Random random, Operation op, FuzzContext context) {
        return path(random, op, context, null, null);
    }

    /**
     * The target with at least one path parameter replaced by a bad segment (or, for an operation
     * without any, a bad segment appended or inserted), as raw bytes.
     */
    static byte[] badPath(Random random, Operation op, FuzzContext context) {
        String bad = BAD_SEGMENTS.get(random.nextInt(BAD_SEGMENTS.size()));
        List<Parameter> params = op.pathParameters();
        if (params.isEmpty()) {
            String path = valid(random, op, context);
            return bytes(random.nextBoolean() ? path + "/" + bad : path.replaceFirst("/v1/", "/" + bad + "/"));
        }
        return bytes(path(random, op, context, params.get(random.nextInt(params.size())), bad));
    }

    /** The operation's path with each parameter filled in once: {@code bad} for {@code target}, real values for the rest. */
    private static String path(Random random, Operation op, FuzzContext context, Parameter target, String bad) {
        long project = context.projects().get(random.nextInt(context.projects().size()));
        String path = op.path();
        for (Parameter p : op.pathParameters()) {
            String value = p == target ? bad : validValue(random, p, project, context);
            int at = path.indexOf("{" + p.name() + "}");
            path = path.substring(0, at) + value + path.substring(at + p.name().length() + 2);
        }
        return path;
    }

    private static String validValue(Random random, Parameter p, long project, FuzzContext context) {
        return switch (p.name()) {
            case "id" -> Long.toString(project);
            case "itemId" -> {
                List<Long> items = context.items().get(project);
                yield Long.toString(items.get(random.nextInt(items.size())));
            }
            case "username" -> context.usernames().get(random.nextInt(context.usernames().size()));
            default -> p.type().equals("integer") ? Integer.toString(1 + random.nextInt(3)) : "fuzz";
        };
    }

    /** A query string with bad values for the operation's parameters, unknown parameters, or broken escapes. */
    static String badQuery(Random random, Operation op) {
        StringBuilder query = new StringBuilder("?");
        List<Parameter> params = op.queryParameters();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = params.isEmpty() || random.nextInt(5) == 0 ? List.of("x", "%zz", "", "a%00b", "limit").get(random.nextInt(5))
                    : params.get(random.nextInt(params.size())).name();
            query.append(i == 0 ? "" : "&").append(name).append('=').append(BAD_VALUES.get(random.nextInt(BAD_VALUES.size())));
        }
        return random.nextInt(10) == 0 ? "?&&&==&" : query.toString();
    }

    /** The path's characters as bytes: ASCII as is, anything above as its UTF-8 or Latin-1 bytes unescaped. */
    static byte[] bytes(String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : path.toCharArray()) {
            if (c < 0x80) {
                out.write(c);
            } else if (c == '\u00ff') {
                out.write(0xff); // a raw byte that is no UTF-8 at all
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
