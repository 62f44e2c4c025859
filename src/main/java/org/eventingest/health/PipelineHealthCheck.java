package org.eventingest.health;

import com.codahale.metrics.health.HealthCheck;
import java.net.URI;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * {@code pipeline}: pipeline-apid's base URL answers HTTP at all (any status) within the client's
 * timeout. Reports the sender's queue and last error too. Not part of {@code /ready}: a pipeline
 * outage is not this service's unreadiness.
 */
public final class PipelineHealthCheck extends HealthCheck {

    private final Supplier<CloseableHttpClient> http;
    private final URI base;
    private final Supplier<String> delivery;
    private final Supplier<java.util.Optional<String>> senderProblem;

    /** @param senderProblem why the sender is not running, if it is not: then the check is unhealthy */
    public PipelineHealthCheck(Supplier<CloseableHttpClient> http, URI base, Supplier<String> delivery,
                               Supplier<java.util.Optional<String>> senderProblem) {
        this.http = http;
        this.base = base;
        this.delivery = delivery;
        this.senderProblem = senderProblem;
    }

    @Override
    protected Result check() {
        final java.util.Optional<String> problem = senderProblem.get();
        if (problem.isPresent()) {
            return Result.unhealthy("%s; %s", problem.get(), delivery.get());
        }
        try {
            final int status = http.get().execute(new HttpGet(base), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return Result.healthy("%s answered HTTP %d; %s", base, status, delivery.get());
        } catch (Exception e) {
            return Result.unhealthy("%s did not answer: %s; %s", base, e, delivery.get());
        }
    }
}
