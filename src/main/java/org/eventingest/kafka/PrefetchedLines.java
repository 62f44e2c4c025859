package org.eventingest.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventingest.core.Event;

/**
 * A large tick's lines generated and encoded into record values on a helper thread, a chunk at a
 * time, while the tick's thread sends them: the world and the producer overlap on two cores. At
 * most a few chunks wait. {@link #close()} stops the source and waits for the helper, so that the
 * world is never touched by two threads, nor after the tick has ended.
 */
final class PrefetchedLines implements Iterator<PrefetchedLines.Line>, AutoCloseable {

    /** A record's value and the shop it is about. */
    record Line(byte[] value, long shopId) {
    }

    private static final int CHUNK = 1024;
    private static final Line[] END = new Line[0];

    private final BlockingQueue<Line[]> chunks = new ArrayBlockingQueue<>(4);
    private final Future<?> helper;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private Line[] chunk;
    private int next;

    PrefetchedLines(Iterator<Event> source, ExecutorService executor) {
        this.helper = executor.submit(() -> produce(source));
    }

    /** The lines encoded by {@code values} on the calling thread, as they are asked for (small ticks). */
    static Iterator<Line> inline(Iterator<Event> source, RecordValues values) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Line next() {
                final Event event = source.next();
                try {
                    return new Line(values.of(event), event.shopId());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private void produce(Iterator<Event> source) {
        final RecordValues values = new RecordValues();
        try {
            Line[] filling = new Line[CHUNK];
            int count = 0;
            while (!cancelled && source.hasNext()) {
                final Event event = source.next();
                filling[count++] = new Line(values.of(event), event.shopId());
                if (count == CHUNK) {
                    put(filling);
                    filling = new Line[CHUNK];
                    count = 0;
                }
            }
            if (count > 0) {
                final Line[] last = new Line[count];
                System.arraycopy(filling, 0, last, 0, count);
                put(last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                put(END); // unless stopped: then nobody waits for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Line[] lines) throws InterruptedException {
        while (!cancelled && !chunks.offer(lines, 10, TimeUnit.MILLISECONDS)) {
            // the sender is behind: wait for room, or for a stop
        }
    }

    @Override
    public boolean hasNext() {
        if (chunk == null || next == chunk.length) {
            if (chunk == END) {
                return false;
            }
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for events", e);
            }
            next = 0;
            if (chunk == END) {
                rethrow();
                return false;
            }
        }
        return true;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk[next++];
    }

    private void rethrow() {
        final Throwable t = failure;
        if (t instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Stops the source (if it is still running) and waits until the helper has let go of it. */
    @Override
    public void close() {
        cancelled = true;
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported through failure
        }
    }
}
