package org.eventingest.tick;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Work asked of the generator thread by other threads (the world's snapshot, {@code tick-now}),
 * queued until the thread runs it between ticks; every request is answered, by its result, its
 * failure, or the generator's end.
 */
final class GeneratorRequests {

    /** Work and its answer. */
    private record Request<T>(Supplier<T> work, CompletableFuture<T> answer) {
        void run() {
            try {
                answer.complete(work.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            } catch (Error e) {
                // The asker learns of it at once; the generator thread dies of it as of any Error.
                answer.completeExceptionally(e);
                throw e;
            }
        }
    }

    private final ConcurrentLinkedQueue<Request<?>> queue = new ConcurrentLinkedQueue<>();

    <T> CompletableFuture<T> add(Supplier<T> work) {
        final CompletableFuture<T> answer = new CompletableFuture<>();
        queue.add(new Request<>(work, answer));
        return answer;
    }

    /** Runs what is queued; on the generator thread only. */
    void runAll() {
        Request<?> request;
        while ((request = queue.poll()) != null) {
            request.run();
        }
    }

    /** Answers every request that will not run: the generator has stopped or died. */
    void failAll() {
        Request<?> request;
        while ((request = queue.poll()) != null) {
            request.answer().completeExceptionally(new IllegalStateException("the generator stopped"));
        }
    }
}
