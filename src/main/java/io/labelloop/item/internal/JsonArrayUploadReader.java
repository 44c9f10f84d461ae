package io.labelloop.item.internal;

import java.io.InputStream;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array of items, read element by element; an element's line is its 1-based position. Elements in Label
 * Studio's task format ({@code data}, {@code annotations}) are read as such ({@link LabelStudioTask}).
 */
class JsonArrayUploadReader implements UploadReader {

    private final JsonMapper mapper;
    private final ObjectReader elementReader;

    private final boolean labelStudio;

    /** {@code labelStudio}: every element is a Label Studio task; otherwise elements that look like one are read so. */
    JsonArrayUploadReader(JsonMapper mapper, boolean labelStudio) {
        this.mapper = mapper;
        this.labelStudio = labelStudio;
        // each element is read on its own, so what follows it is not a "trailing token"
        this.elementReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public void read(InputStream body, Consumer<UploadRecord> sink) {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new UploadParseException(first == null ? "the JSON body is empty: expected an array of items"
                        : "a JSON upload must be an array of items");
            }
            long position = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                position++;
                JsonNode node = elementReader.readValue(parser);
                sink.accept(labelStudio || LabelStudioTask.looksLikeTask(node) ? LabelStudioTask.toRecord(node, position)
                        : JsonItemMapper.toRecord(node, position));
            }
            if (parser.nextToken() != null) {
                throw new UploadParseException("unexpected content after the JSON array");
            }
        } catch (JacksonException e) {
            throw new UploadParseException("the JSON body is malformed: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
    }
}
