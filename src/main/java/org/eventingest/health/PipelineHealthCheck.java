package org.eventingest.health;

import com.codahale.metrics.health.HealthCheck;
import java.net.URI;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eventingest.pipeline.DeliveryStatus;

/**
 * {@code pipeline}: pipeline-apid's base URL answers HTTP at all (any status) within the client's
 * timeout. Reports the sender's queue and last error too. Not part of {@code /ready}: a pipeline
 * outage is not this service's unreadiness.
 */
public final class PipelineHealthCheck extends HealthCheck {

    private final Supplier<CloseableHttpClient> http;
    private final URI base;
    private final Supplier<DeliveryStatus> delivery;

    /** @param delivery the sender's state; a sender problem in it makes the check unhealthy */
    public PipelineHealthCheck(Supplier<CloseableHttpClient> http, URI base, Supplier<DeliveryStatus> delivery) {
        this.http = http;
        this.base = base;
        this.delivery = delivery;
    }

    @Override
    protected Result check() {
        final DeliveryStatus status = delivery.get();
        if (status.senderProblem().isPresent()) {
            return Result.unhealthy("%s; %s", status.senderProblem().get(), status.describe());
        }
        try {
            final int code = http.get().execute(new HttpGet(base), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return Result.healthy("%s answered HTTP %d; %s", base, code, delivery.get().describe());
        } catch (Exception e) {
            return Result.unhealthy("%s did not answer: %s; %s", base, e, delivery.get().describe());
        }
    }
}
