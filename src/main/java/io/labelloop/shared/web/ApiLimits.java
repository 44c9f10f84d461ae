package io.labelloop.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of API requests other than bulk uploads ({@code LABELLOOP_API_MAX_JSON_BODY_SIZE=...}):
 * the largest body a controller binds as a whole, default 16 MB (a stream item with the largest
 * default image, 5 MB as base64, fits several times).
 */
@ConfigurationProperties("labelloop.api")
public record ApiLimits(@DefaultValue("16MB") DataSize maxJsonBodySize) {
}
