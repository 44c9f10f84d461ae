package io.labelloop.shared.fuzz;

import io.labelloop.support.RawExchange.Header;
import java.util.List;
import java.util.Random;

/**
 * Header oddities: broken credentials, unanswerable Accept headers, lying or conflicting lengths,
 * broken chunked bodies, oversized and malformed headers.
 */
final class OddHeaders {

    private OddHeaders() {
    }

    /** Adds one oddity to {@code extra}; returns the body to send (changed where the oddity is in the framing). */
    static byte[] apply(Random random, List<Header> extra, byte[] body) {
        switch (random.nextInt(16)) {
            case 0 -> extra.add(new Header("Authorization", List.of("Bearer", "Bearer ", "Basic YWRtaW46eA==", "Bearer a b c",
                    "Bearer \u00e9\u00ff", "Bearer " + "t".repeat(6000), "Token x", "").get(random.nextInt(8))));
            case 1 -> extra.add(new Header("Accept", List.of("application/xml", "text/html", "image/png", "*/x", ";;",
                    "application/json;q=abc", "text/csv", "application/problem+xml", "text/event-stream").get(random.nextInt(9))));
            case 2 -> extra.add(new Header("Content-Length", List.of("-1", "abc", "99999999999999999999", " 5", "1,2")
                    .get(random.nextInt(5))));
            case 3 -> {
                extra.add(new Header("Content-Length", Integer.toString(body.length + 1 + random.nextInt(1000))));
                return body; // announces more than it sends: the connection's half-close ends the body early
            }
            case 4 -> {
                extra.add(new Header("Transfer-Encoding", "chunked"));
                return MalformedRequests.ascii(List.of("zz\r\nabc\r\n0\r\n\r\n", "5\r\nab", "3\r\nabcdef\r\n0\r\n\r\n",
                        "-1\r\n\r\n", "ffffffffffffffffff\r\nx\r\n").get(random.nextInt(5)));
            }
            case 5 -> {
                extra.add(new Header("Transfer-Encoding", "chunked"));
                extra.add(new Header("Content-Length", Integer.toString(body.length)));
            }
            case 6 -> extra.add(new Header("Expect", random.nextBoolean() ? "100-continue" : "something-else"));
            case 7 -> extra.add(new Header("X-Padding", "p".repeat(random.nextBoolean() ? 9_000 : 70_000)));
            case 8 -> {
                for (int i = 0; i < 150; i++) {
                    extra.add(new Header("X-Many-" + i, "v"));
                }
            }
            case 9 -> extra.add(new Header(List.of("Bad Header", "X-\u00e9", "", "X-A\u0000").get(random.nextInt(4)), "x"));
            case 10 -> extra.add(new Header("X-Folded", "a\r\n folded"));
            case 11 -> extra.add(new Header("Accept-Charset", "utf-32, \u00e9;q=x"));
            case 12 -> extra.add(new Header("Cookie", "JSESSIONID=;;;; =; SESSION=" + "%".repeat(50)));
            case 13 -> extra.add(new Header("Range", "bytes=5-1, -0, x-y"));
            case 14 -> extra.add(new Header("If-Modified-Since", "yesterday-ish"));
            default -> extra.add(new Header("Accept-Language", ";;;q=2, \u00e9\u00e9"));
        }
        return body;
    }

    static boolean replacesAuthorization(List<Header> extra) {
        return extra.stream().anyMatch(h -> h.name().equals("Authorization"));
    }
}
