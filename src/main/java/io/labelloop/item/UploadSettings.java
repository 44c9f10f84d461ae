package io.labelloop.item;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits of the bulk upload, overridable by environment ({@code LABELLOOP_UPLOAD_MAX_BODY_SIZE=...}). */
@ConfigurationProperties("labelloop.upload")
public record UploadSettings(
        @DefaultValue("256MB") DataSize maxBodySize,
        @DefaultValue("5MB") DataSize maxImageSize,
        @DefaultValue("1000") int maxReportedRejections) {
}
