package org.eventingest.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Checks that the topics exist and that the events topic has a partition for every shard. */
final class KafkaTopics {

    /** The topics cannot take the ticks (missing, too few partitions): an operator's fix, then the next tick. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    private KafkaTopics() {
    }

    /**
     * @return the truth topic's partition count
     * @throws Unusable     if a topic is missing, or the events topic has fewer partitions than shards
     * @throws KafkaException if the broker cannot be reached in time
     */
    static int check(KafkaConfig config) throws Unusable {
        // Closed within kafka.timeout: a plain close() waits for the admin's pending calls, however long.
        final Admin admin = Admin.create(config.clientProperties());
        try {
            final Map<String, TopicDescription> topics;
            try {
                topics = AdminCalls.answer(admin.describeTopics(List.of(config.topic(), config.truthTopic()))
                        .allTopicNames(), config.timeout().toMillis() * 2, "describeTopics");
            } catch (UnknownTopicOrPartitionException e) {
                throw new Unusable("the topics " + config.topic() + " and " + config.truthTopic()
                        + " must exist (the output does not create them): " + e.getMessage());
            }
            final int partitions = topics.get(config.topic()).partitions().size();
            if (partitions < config.shardsCount()) {
                throw new Unusable("the topic " + config.topic() + " has " + partitions + " partitions, fewer than "
                        + "pipeline.shards_count " + config.shardsCount() + " (a line's partition is shop_id % "
                        + "shards_count): add partitions, or lower pipeline.shards_count");
            }
            return topics.get(config.truthTopic()).partitions().size();
        } finally {
            admin.close(config.timeout());
        }
    }
}
