package org.eventingest.pipeline;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eventingest.files.PublishedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells pipeline-apid about published files, off the generator thread: {@link #accept} only
 * queues; a sender thread makes the calls, register then done, file by file in publication order.
 * A failed call is logged and counted; the file is not retried.
 */
public final class PipelineNotifier implements Managed, java.util.function.Consumer<PublishedFile> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineNotifier.class);

    private final PipelineClient client;
    private final ExecutorService executor;
    private final Duration drainTimeout;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    private final Counter registerOk;
    private final Counter registerFailed;
    private final Counter doneOk;
    private final Counter doneFailed;
    private volatile Future<?> sender;
    private volatile boolean stopping;
    private volatile String lastError;

    public PipelineNotifier(PipelineClient client, ExecutorService executor, Duration drainTimeout, MetricRegistry metrics) {
        this.client = client;
        this.executor = executor;
        this.drainTimeout = drainTimeout;
        this.registerOk = metrics.counter("pipeline.calls.register.ok");
        this.registerFailed = metrics.counter("pipeline.calls.register.failed");
        this.doneOk = metrics.counter("pipeline.calls.done.ok");
        this.doneFailed = metrics.counter("pipeline.calls.done.failed");
        metrics.gauge("pipeline.queue", () -> queue::size);
    }

    @Override
    public void accept(PublishedFile file) {
        queue.add(file.prefix());
    }

    @Override
    public void start() {
        stopping = false;
        sender = executor.submit(this::send);
    }

    /** Gives the queue up to the drain timeout, then stops; what is left is logged. */
    @Override
    public void stop() throws Exception {
        final long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        stopping = true;
        final Future<?> future = sender;
        if (future != null) {
            future.cancel(true);
        }
        if (!queue.isEmpty()) {
            LOG.warn("stopping with {} files not announced to pipeline-apid: {}", queue.size(), queue);
        }
    }

    private void send() {
        while (!stopping) {
            final String filename;
            try {
                filename = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            announce(filename);
        }
    }

    void announce(String filename) {
        try {
            client.register(filename);
            registerOk.inc();
        } catch (PipelineException e) {
            registerFailed.inc();
            lastError = e.getMessage();
            LOG.warn("register of {} failed: {}", filename, e.getMessage());
            return;
        }
        try {
            final PipelineClient.Done done = client.done(filename);
            doneOk.inc();
            if (done.updatedRows() == 0) {
                LOG.warn("done of {} updated no rows: pipeline-apid does not know the file", filename);
            }
        } catch (PipelineException e) {
            doneFailed.inc();
            lastError = e.getMessage();
            LOG.warn("done of {} failed: {}", filename, e.getMessage());
        }
    }

    public int queued() {
        return queue.size();
    }

    public long callsSent() {
        return registerOk.getCount() + registerFailed.getCount() + doneOk.getCount() + doneFailed.getCount();
    }

    public long callsFailed() {
        return registerFailed.getCount() + doneFailed.getCount();
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
