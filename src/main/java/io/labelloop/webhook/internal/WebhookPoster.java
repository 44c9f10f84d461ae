package io.labelloop.webhook.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts one webhook body. Every post resolves the name through {@link PinnedDnsResolver} (checked addresses only)
 * on a fresh connection: connections are not kept for reuse, so no post rides on a connection whose address was
 * checked for another. No redirects, no automatic retries (the outbox retries), no cookies.
 */
final class WebhookPoster implements AutoCloseable {

    /** JSON is UTF-8 (RFC 8259): no charset parameter. */
    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;

    WebhookPoster(TargetGuard guard, Duration timeout, int concurrent) {
        Timeout t = Timeout.of(timeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PinnedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .setMaxConnTotal(concurrent).setMaxConnPerRoute(concurrent)
                .build();
        this.client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .setUserAgent("Labelloop-Webhook/1")
                .build();
    }

    /** The receiver's status; an {@link IOException} when it could not be reached (a refused address included). */
    int post(URI target, Map<String, String> headers, byte[] body) throws IOException {
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, JSON));
        return client.execute(post, response -> {
            EntityUtils.consumeQuietly(response.getEntity());
            return response.getCode();
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
