package org.eventingest.kafka;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/** The first failure among a transaction's sends (each reports on the producer's I/O thread, or in its send). */
final class SendErrors implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
        }
    }

    /** {@code failure} or the first of its causes that is a {@code type}, or null. */
    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable reason = failure; reason != null; reason = reason.getCause()) {
            if (type.isInstance(reason)) {
                return type.cast(reason);
            }
        }
        return null;
    }

    /** @throws KafkaException the first failure, if a send failed */
    void throwIfAny() {
        final Exception failure = first.get();
        if (failure != null) {
            throw failure instanceof KafkaException kafka ? kafka : new KafkaException(failure);
        }
    }
}
