package org.eventingest.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;

/** An admin client's answer within a bound, its failure thrown as the {@link KafkaException} it is. */
final class AdminCalls {

    private AdminCalls() {
    }

    /**
     * @param call what was asked, for the message of a timeout
     * @throws KafkaException the call's own failure (an {@code UnknownTopicOrPartitionException}, an
     *                        {@code AuthorizationException}, …), or no answer within {@code millis}
     */
    static <T> T answer(KafkaFuture<T> future, long millis, String call) {
        try {
            return future.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka
                    : new KafkaException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("no answer to " + call + " in " + millis / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }
}
