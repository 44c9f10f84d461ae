package io.labelloop.item.internal;

import java.util.Optional;
import org.springframework.http.MediaType;

/** The body formats the bulk upload accepts. */
public enum UploadFormat {
    JSON,
    NDJSON,
    CSV,
    /** Label Studio's JSON tasks ({@code ?format=labelstudio} on a JSON body). */
    LABEL_STUDIO;

    public static Optional<UploadFormat> of(MediaType type) {
        if (type == null) {
            return Optional.empty();
        }
        String subtype = type.getSubtype().toLowerCase(java.util.Locale.ROOT);
        if (!type.getType().equalsIgnoreCase("application") && !type.getType().equalsIgnoreCase("text")) {
            return Optional.empty();
        }
        return switch (subtype) {
            case "json" -> Optional.of(JSON);
            case "x-ndjson", "ndjson", "jsonl", "x-jsonlines" -> Optional.of(NDJSON);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
