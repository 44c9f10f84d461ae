package io.labelloop.shared.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Well-formed JSON bodies with wrong content: a plausible body built from the operation's schema,
 * then some of its values replaced by values of the wrong type, nulls, numbers no type holds,
 * strange strings, or fields removed and added. The replacements are raw JSON text, so they can be
 * what no tree holds (a 1,500-digit number).
 */
public final class JsonBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HOLE = "\"__fuzz_hole__\"";

    /** Values a field should not get: wrong types, nulls, out-of-range and unparseable numbers, odd strings. */
    private static final List<String> HOSTILE = List.of(
            "[\"q\"]", "{\"x\":1}", "[]", "{}", "null", "true", "false", "0", "-1", "-0", "1.5", "1e400", "-1e400",
            "1e-400", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "1" + "0".repeat(300), "9".repeat(1500), "0." + "1".repeat(1500), "1E2147483648",
            "\"1e400\"", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800x\"", "\"<script>alert(1)</script>\"",
            "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"\u00fcn\u00efc\u00f6d\u00e9 \u2603 \ud83d\ude00\"", "\"a\\nb\\tc\"",
            "\"../../etc/passwd\"", "\"%00\"", "\"2026-13-45T25:61:00Z\"", "[[[[[[[[1]]]]]]]]", "{\"$ref\":\"#\"}",
            "[" + "1,".repeat(5000) + "1]", "\"" + "x".repeat(100_000) + "\"", "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}");

    private final JsonNode document;

    public JsonBodies(JsonNode document) {
        this.document = document;
    }

    /** A body the operation could plausibly accept: from its schema, or an item or settings shape for opaque schemas. */
    public JsonNode baseline(Random random, JsonNode schema, FuzzContext context) {
        if (schema == null || schema.path("$ref").asString("").endsWith("/JsonNode")) {
            return opaque(random, context);
        }
        return fromSchema(random, ApiOperations.resolve(document, schema), 0);
    }

    /** Some of the baseline's values replaced by hostile ones, or fields dropped or added, as JSON text. */
    String mutate(Random random, JsonNode baseline) {
        JsonNode copy = baseline.deepCopy();
        List<String> holes = new ArrayList<>();
        int changes = 1 + random.nextInt(random.nextInt(8) == 0 ? 4 : 1);
        for (int i = 0; i < changes; i++) {
            JsonNode container = pickContainer(random, copy);
            int choice = random.nextInt(10);
            if (choice < 7 || container.isEmpty()) {
                punch(random, container, holes);
            } else if (choice < 9 && container.isObject()) {
                List<String> names = new ArrayList<>(container.propertyNames());
                ((ObjectNode) container).remove(names.get(random.nextInt(names.size())));
            } else if (container.isObject()) {
                ((ObjectNode) container).put("unknownField" + random.nextInt(3), "surprise");
            }
        }
        if (random.nextInt(12) == 0) {
            return HOSTILE.get(random.nextInt(HOSTILE.size())); // the whole body the wrong kind of value
        }
        String text = copy.toString();
        for (String hostile : holes) {
            text = text.replaceFirst(java.util.regex.Pattern.quote(HOLE), java.util.regex.Matcher.quoteReplacement(hostile));
        }
        return text;
    }

    private static void punch(Random random, JsonNode container, List<String> holes) {
        holes.add(HOSTILE.get(random.nextInt(HOSTILE.size())));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.isEmpty() ? "externalId" : names.get(random.nextInt(names.size()));
            object.put(name, HOLE.substring(1, HOLE.length() - 1));
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty()) {
                array.add(HOLE.substring(1, HOLE.length() - 1));
            } else {
                array.set(random.nextInt(array.size()), NODES.stringNode(HOLE.substring(1, HOLE.length() - 1)));
            }
        }
    }

    /** The root or one of the objects and arrays inside it, each about equally likely. */
    private static JsonNode pickContainer(Random random, JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        return containers.isEmpty() ? NODES.objectNode() : containers.get(random.nextInt(containers.size()));
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainer()) {
            into.add(node);
            node.values().forEach(child -> collect(child, into));
        }
    }

    private JsonNode fromSchema(Random random, JsonNode schema, int depth) {
        String type = schema.path("type").asString("object");
        JsonNode values = schema.path("enum");
        if (!values.isEmpty()) {
            return values.get(random.nextInt(values.size()));
        }
        return switch (type) {
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(0.5);
            case "boolean" -> NODES.booleanNode(false);
            case "string" -> NODES.stringNode("fz" + random.nextInt(1_000_000));
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < 2 && depth < 4; i++) {
                    JsonNode item = fromSchema(random, ApiOperations.resolve(document, schema.path("items")), depth + 1);
                    array.add(item.isString() ? NODES.stringNode(item.asString() + i) : item);
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (var p : schema.path("properties").properties()) {
                    if (depth < 4) {
                        object.set(p.getKey(), fromSchema(random, ApiOperations.resolve(document, p.getValue()), depth + 1));
                    }
                }
                yield object;
            }
        };
    }

    /** For bodies the document does not describe (a JsonNode): an item, a list of items, or some settings. */
    private static JsonNode opaque(Random random, FuzzContext context) {
        return switch (random.nextInt(3)) {
            case 0 -> item(random, context);
            case 1 -> {
                ArrayNode items = NODES.arrayNode();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    items.add(item(random, context));
                }
                yield items;
            }
            default -> NODES.objectNode().put("batchSize", 10).put("budget", 100).put("holdoutFraction", 0.1)
                    .put("name", "renamed").put("retrainEvery", 20);
        };
    }

    private static ObjectNode item(Random random, FuzzContext context) {
        ObjectNode item = NODES.objectNode().put("externalId", "fz-" + random.nextInt(1_000_000));
        if (random.nextBoolean()) {
            item.put("text", "a short text to classify");
        }
        if (random.nextBoolean()) {
            item.set("features", NODES.objectNode().put("x", 0.5).put("y", 1.5));
        }
        if (random.nextInt(3) == 0) {
            item.put("label", context.labels().get(random.nextInt(context.labels().size())));
        }
        if (random.nextInt(3) == 0) {
            item.set("metadata", NODES.objectNode().put("source", "fuzz"));
        }
        return item;
    }
}
