package io.labelloop.export;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Export jobs ({@code LABELLOOP_EXPORT_DIRECTORY}): the directory their files are written to (instances that serve
 * each other's jobs need it shared).
 */
@ConfigurationProperties("labelloop.export")
public record ExportSettings(String directory) {

    /** The directory, by default {@code labelloop-exports} in {@code java.io.tmpdir}. */
    public Path path() {
        return directory == null || directory.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "labelloop-exports")
                : Path.of(directory);
    }
}
