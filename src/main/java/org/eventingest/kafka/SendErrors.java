package org.eventingest.kafka;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/** The first failure among a transaction's sends (each reports on the producer's I/O thread). */
final class SendErrors implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            first.compareAndSet(null, exception);
        }
    }

    /** @throws KafkaException the first failure, if a send failed */
    void throwIfAny() {
        final Exception failure = first.get();
        if (failure != null) {
            throw failure instanceof KafkaException kafka ? kafka : new KafkaException(failure);
        }
    }
}
