package io.labelloop.item;

import java.util.Base64;

/**
 * An image as items carry it in JSON and CSV: base64 (line breaks allowed), optionally as a
 * {@code data:} URL ({@code data:image/png;base64,...}). Upload, stream and predictions decode it here.
 */
public final class ImageData {

    private ImageData() {
    }

    /** The image's bytes; IllegalArgumentException when the text is not valid base64. */
    public static byte[] decode(String base64OrDataUrl) {
        int comma = base64OrDataUrl.startsWith("data:") ? base64OrDataUrl.indexOf(',') : -1;
        return Base64.getMimeDecoder().decode(comma >= 0 ? base64OrDataUrl.substring(comma + 1) : base64OrDataUrl);
    }
}
