package io.labelloop.item;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the bulk upload, overridable by environment ({@code LABELLOOP_UPLOAD_MAX_BODY_SIZE=...}).
 *
 * @param maxConcurrent uploads this instance receives and loads at once; more answer 429 before their body is read
 * @param minBodyRate the slowest a body may arrive, averaged over each {@code bodyRateWindow} (408 below it)
 * @param spoolDir where this instance keeps upload bodies and replay files while it loads them
 *         (default {@code labelloop-spool} under {@code java.io.tmpdir})
 */
@ConfigurationProperties("labelloop.upload")
public record UploadSettings(
        @DefaultValue("256MB") DataSize maxBodySize,
        @DefaultValue("5MB") DataSize maxImageSize,
        @DefaultValue("1000") int maxReportedRejections,
        @DefaultValue("8") int maxConcurrent,
        @DefaultValue("16KB") DataSize minBodyRate,
        @DefaultValue("10s") Duration bodyRateWindow,
        Path spoolDir) {

    public UploadSettings {
        if (spoolDir == null) {
            spoolDir = Path.of(System.getProperty("java.io.tmpdir"), "labelloop-spool");
        }
    }
}
