package io.labelloop.shared.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Turns a Jackson reference path into the dotted field name a caller wrote, e.g. {@code labels[2]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String describe(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
