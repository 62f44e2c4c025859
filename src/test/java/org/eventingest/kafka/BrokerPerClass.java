package org.eventingest.kafka;

import java.nio.file.Path;
import org.eventingest.support.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real broker for each test class that extends this: started before its first test, stopped after its last. */
abstract class BrokerPerClass {

    @TempDir
    static Path brokerDir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }
}
