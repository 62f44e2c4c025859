package org.eventingest.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventingest.core.Event;
import org.eventingest.core.LineEncoder;

/**
 * A tick's lines generated and encoded on a helper thread and written by the tick's thread, so
 * that the world, the encoding and the disk overlap on two cores. The two threads pass a few
 * fixed buffers back and forth (filled ones one way, empty ones back): memory stays bounded and
 * nothing is allocated per event. {@link #close()} stops the source and waits for the helper, so
 * that the source is never touched by two threads.
 */
public final class HelperThreadLines implements EventFileWriter.Content, AutoCloseable {

    private static final int BUFFERS = 4;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1); // never full
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BUFFERS);
    private final Future<?> producer;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private long events;

    public HelperThreadLines(Iterator<Event> source, ExecutorService executor, int bufferBytes) {
        for (int i = 1; i < BUFFERS; i++) {
            empty.add(new byte[bufferBytes]);
        }
        final byte[] first = new byte[bufferBytes];
        this.producer = executor.submit(() -> produce(source, first));
    }

    private void produce(Iterator<Event> source, byte[] first) {
        long count = 0;
        try {
            final LineEncoder encoder = new LineEncoder(first, (full, length) -> {
                filled.add(new Chunk(full, length));
                return nextEmpty();
            });
            while (!cancelled && source.hasNext()) {
                encoder.write(source.next());
                count++;
            }
            encoder.drain();
        } catch (Stopped e) {
            // the writer gave up: nothing more to do
        } catch (Throwable t) {
            failure = t;
        } finally {
            events = count;
            filled.add(END);
        }
    }

    private byte[] nextEmpty() throws Stopped {
        try {
            while (true) {
                final byte[] next = empty.poll(10, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (cancelled) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Writes every line into {@code out} as the helper encodes them; the number of lines. */
    @Override
    public long writeTo(OutputStream out) throws IOException {
        while (true) {
            final Chunk chunk;
            try {
                chunk = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for events", e);
            }
            if (chunk == END) {
                rethrow();
                return events; // written before END was queued: visible after taking it
            }
            out.write(chunk.bytes(), 0, chunk.length());
            empty.add(chunk.bytes());
        }
    }

    private void rethrow() throws IOException {
        final Throwable t = failure;
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException io) {
            throw io.getCause();
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
            producer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // reported through failure
        }
    }

    /** The writer has given up while the helper waited for an empty buffer. */
    private static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the writer stopped");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
