package io.labelloop.item.internal;

/** The request body went past the configured upload limit (413). */
public class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long limit) {
        super("body larger than " + limit + " bytes");
    }
}
