package org.eventingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds transactions of this instance's producer left open on its partitions after its coordinator ended them. A
 * broker killed and restarted before its old session expired cannot take the coordinator's markers for a while; the
 * coordinator skips its partitions as deleted, and the records of the transaction it was ending stay open there.
 * Committing the next tick would then commit them too (a part of an aborted tick, with no truth record), and
 * {@code read_committed} readers stop at them until then. Asked right after {@code initTransactions}, when no
 * transaction of this producer can be open legitimately.
 */
final class HangingTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

    /** A transaction of this producer is left open: what, where, and how to end it. */
    static final class Found extends KafkaException {
        private static final long serialVersionUID = 1L;

        Found(String message) {
            super(message);
        }
    }

    private HangingTransactions() {
    }

    /**
     * Nothing is left open, or the broker does not let this principal describe producers, or cannot (logged).
     *
     * @throws Found          naming each partition and offset, and the command that ends them
     * @throws KafkaException if the broker does not answer in time
     */
    static void check(KafkaConfig config, TopicPartition truth) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < config.shardsCount(); p++) {
            partitions.add(new TopicPartition(config.topic(), p));
        }
        partitions.add(truth);
        final Admin admin = Admin.create(config.clientProperties());
        try {
            final long wait = config.timeout().toMillis() * 2;
            final TransactionDescription mine = AdminCalls.answer(admin.describeTransactions(
                    List.of(config.transactionalId())).description(config.transactionalId()), wait,
                    "describeTransactions");
            if (mine.state() != TransactionState.EMPTY && mine.state() != TransactionState.COMPLETE_ABORT
                    && mine.state() != TransactionState.COMPLETE_COMMIT) {
                return;
            }
            final Map<TopicPartition, PartitionProducerState> states = AdminCalls.answer(
                    admin.describeProducers(partitions).all(), wait, "describeProducers");
            final List<String> open = new ArrayList<>();
            states.forEach((partition, state) -> {
                for (ProducerState producer : state.activeProducers()) {
                    if (producer.producerId() == mine.producerId()
                            && producer.currentTransactionStartOffset().isPresent()) {
                        open.add("--topic " + partition.topic() + " --partition " + partition.partition()
                                + " --start-offset " + producer.currentTransactionStartOffset().getAsLong());
                    }
                }
            });
            if (open.isEmpty()) {
                return;
            }
            throw new Found("a transaction of " + config.transactionalId()
                    + " (producer id " + mine.producerId() + ") is left open after its coordinator ended it, on "
                    + open + " (a broker restarted before it could take the markers): the next commit would "
                    + "publish those records. Once the tick in them is known not committed (no truth record), end "
                    + "it with kafka-transactions.sh --bootstrap-server " + config.bootstrapServers() + " abort "
                    + String.join(" / ", open) + "; the next tick connects again");
        } catch (AuthorizationException | UnsupportedVersionException refused) {
            LOG.warn("cannot look for transactions left open ({}); grant DESCRIBE on the transactional id and "
                    + "READ on the topics to have them found (brokers before 3.0 cannot tell)", refused.toString());
        } finally {
            admin.close(config.timeout());
        }
    }
}
