package org.eventingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

class LazyHttpClientTest {

    @Test
    void buildsNothingUntilTheFirstUseAndThenOnce() throws Exception {
        final AtomicInteger built = new AtomicInteger();
        final LazyHttpClient lazy = new LazyHttpClient(() -> {
            built.incrementAndGet();
            return HttpClients.createMinimal();
        });
        assertThat(built).hasValue(0);

        final CloseableHttpClient first = lazy.get();
        assertThat(lazy.get()).isSameAs(first);
        assertThat(built).hasValue(1);
        lazy.stop();
    }

    @Test
    void stopWithoutUseBuildsNothingAndLaterUseIsRefused() throws Exception {
        final AtomicInteger built = new AtomicInteger();
        final LazyHttpClient lazy = new LazyHttpClient(() -> {
            built.incrementAndGet();
            return HttpClients.createMinimal();
        });
        lazy.stop();
        assertThat(built).hasValue(0);
        assertThatThrownBy(lazy::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theBuiltClientTalksToALoopbackServerAndIsClosedOnStop() throws Exception {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            final LazyHttpClient lazy = LazyHttpClient.of(new MetricRegistry(), "test", 2);
            final String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            final int status = lazy.get().execute(new HttpGet(url), response -> response.getCode());
            assertThat(status).isEqualTo(204);
            assertThat(requests).hasValue(1);

            final CloseableHttpClient client = lazy.get();
            lazy.stop();
            assertThatThrownBy(() -> client.execute(new HttpGet(url), response -> response.getCode()))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            server.stop(0);
        }
    }
}
