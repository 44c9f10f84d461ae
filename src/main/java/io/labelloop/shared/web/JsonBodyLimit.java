package io.labelloop.shared.web;

import io.labelloop.shared.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.apache.commons.io.input.BoundedInputStream;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Caps every body that a controller binds as a whole ({@code @RequestBody}: settings, claims,
 * labels, a stream item, a predictions list) at {@link ApiLimits#maxJsonBodySize()}: such a body is
 * held in memory as a tree or record, so an unbounded one could exhaust the heap. Above the limit, or
 * past it while arriving in chunks, the answer is a 413. Bulk uploads read the raw stream with their
 * own, larger limit and do not pass through here.
 */
@ControllerAdvice
class JsonBodyLimit extends RequestBodyAdviceAdapter {

    private final long limit;

    JsonBodyLimit(ApiLimits limits) {
        this.limit = limits.maxJsonBodySize().toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        if (input.getHeaders().getContentLength() > limit) {
            throw ApiException.payloadTooLarge(limit);
        }
        InputStream bounded = BoundedInputStream.builder().setInputStream(input.getBody()).setMaxCount(limit)
                .setOnMaxCount((max, count) -> {
                    throw ApiException.payloadTooLarge(limit);
                }).get();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return bounded;
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
