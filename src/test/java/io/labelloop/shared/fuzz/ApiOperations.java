package io.labelloop.shared.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Every operation the service's OpenAPI document names, with its parameters and request body
 * schema: read from {@code /v3/api-docs} so that a new endpoint is fuzzed without touching the test.
 */
public final class ApiOperations {

    private ApiOperations() {
    }

    /** A path or query parameter: its name and OpenAPI type ({@code integer}, {@code string}, ...). */
    public record Parameter(String name, String type) {
    }

    /**
     * One operation. {@code bodyTypes} are the media types its request body takes (empty: no body);
     * {@code bodySchema} is the JSON schema of its JSON body as the document writes it (perhaps a
     * {@code $ref}; see {@link #resolve}), or null.
     */
    public record Operation(String method, String path, List<Parameter> pathParameters, List<Parameter> queryParameters,
            List<String> bodyTypes, JsonNode bodySchema) {

        public boolean destructive() {
            return method.equals("DELETE");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static List<Operation> read(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (var path : document.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                List<Parameter> inPath = new ArrayList<>();
                List<Parameter> inQuery = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    String type = resolve(document, p.path("schema")).path("type").asString("string");
                    Parameter parameter = new Parameter(p.get("name").asString(), type);
                    (p.path("in").asString().equals("path") ? inPath : inQuery).add(parameter);
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                List<String> bodyTypes = new ArrayList<>();
                content.propertyNames().forEach(bodyTypes::add);
                JsonNode schema = content.has("application/json") ? content.get("application/json").get("schema") : null;
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(inPath),
                        List.copyOf(inQuery), List.copyOf(bodyTypes), schema));
            }
        }
        return List.copyOf(operations);
    }

    /** The schema a {@code $ref} points to (or the schema itself). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode at = schema;
        for (int hops = 0; at != null && at.has("$ref") && hops < 10; hops++) {
            String ref = at.get("$ref").asString();
            at = document.at(ref.substring(1));
        }
        return at;
    }
}
