package io.labelloop.item.internal;

/** The upload body cannot be parsed at all: the whole upload is refused (400) and nothing is stored. */
public class UploadParseException extends RuntimeException {
    public UploadParseException(String message) {
        super(message);
    }
}
