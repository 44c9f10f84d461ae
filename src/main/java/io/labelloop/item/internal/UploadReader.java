package io.labelloop.item.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Streams the records of an upload body to a consumer, one at a time, never holding the whole body. */
interface UploadReader {

    /** @throws UploadParseException when the body is not readable as this format */
    void read(InputStream body, Consumer<UploadRecord> sink) throws IOException;
}
