package org.eventingest.files;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventingest.core.Event;

/**
 * Runs a tick's event source on a helper thread, handing events over in batches through a small
 * bounded queue, so that generating (the world) and writing (JSON, the disk) overlap on two cores
 * while memory stays bounded. {@link #close()} stops the source and waits for the helper, so that
 * the source is never touched by two threads.
 */
final class PipelinedEvents implements Iterator<Event>, AutoCloseable {

    private static final Event[] END = new Event[0];

    private final BlockingQueue<Event[]> queue = new ArrayBlockingQueue<>(4);
    private final Future<?> producer;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private Event[] batch = new Event[0];
    private int index;
    private boolean ended;

    PipelinedEvents(Iterator<Event> source, ExecutorService executor, int batchSize) {
        this.producer = executor.submit(() -> produce(source, batchSize));
    }

    private void produce(Iterator<Event> source, int batchSize) {
        try {
            while (!cancelled && source.hasNext()) {
                Event[] next = new Event[batchSize];
                int count = 0;
                while (count < batchSize && source.hasNext()) {
                    next[count++] = source.next();
                }
                if (count < batchSize) {
                    next = Arrays.copyOf(next, count);
                }
                offer(next);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            offer(END);
        }
    }

    private void offer(Event[] next) {
        try {
            while (!cancelled && !queue.offer(next, 10, TimeUnit.MILLISECONDS)) {
                // the writer is busy: wait, unless it has given up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    @Override
    public boolean hasNext() {
        while (index >= batch.length) {
            if (ended) {
                return false;
            }
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for events", e);
            }
            index = 0;
            if (batch == END) {
                ended = true;
                rethrow();
                return false;
            }
        }
        return true;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch[index++];
    }

    private void rethrow() {
        final Throwable t = failure;
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof java.io.IOException io) {
            throw new UncheckedIOException(io);
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Stops the source (if it is still running) and waits until the helper has let go of it. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            producer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // reported through failure
        }
    }
}
