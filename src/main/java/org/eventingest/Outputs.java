package org.eventingest;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.PipelineSettings;
import org.eventingest.config.StopBudget;
import org.eventingest.core.world.WorldStore;
import org.eventingest.kafka.KafkaConfig;
import org.eventingest.kafka.KafkaHealthCheck;
import org.eventingest.kafka.KafkaTickOutput;
import org.eventingest.pipeline.Backoff;
import org.eventingest.pipeline.DeliveryJournal;
import org.eventingest.pipeline.LazyHttpClient;
import org.eventingest.pipeline.PipelineClient;
import org.eventingest.pipeline.PipelineDelivery;

/** What the application builds for where ticks go: the Kafka output, or the pipeline-apid delivery of files. */
final class Outputs {

    private Outputs() {
    }

    /**
     * The Kafka output, connected once now (a fault of the topics or of the state stops the start; a broker that
     * does not answer leaves the service not ready), closed after the tick loop stops; and its health check.
     */
    static KafkaTickOutput kafka(EventIngestSettings settings, Environment environment, WorldStore store) {
        final KafkaConfig config = KafkaConfig.of(settings.getKafka(), settings.getPipeline().getShardsCount(),
                settings.getWorld().getPartition());
        final KafkaTickOutput output = new KafkaTickOutput(config, store::newestLogged, environment.metrics());
        output.start();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                output.close();
            }
        });
        environment.healthChecks().register("kafka", new KafkaHealthCheck(config,
                Duration.ofSeconds(StopBudget.of(settings.getServer().getShutdownGracePeriod()).probeSeconds(
                        settings.getKafka().getTimeout())), output::problem));
        return output;
    }

    /** The pipeline-apid client and the sender, managed (the client before the sender, so it stops after it). */
    static PipelineDelivery delivery(EventIngestSettings settings, Environment environment, Clock clock,
                                     ExecutorService sender, long seed) {
        final PipelineSettings pipeline = settings.getPipeline();
        final LazyHttpClient http = LazyHttpClient.of(environment.metrics(), "pipeline", pipeline.getTimeout());
        final PipelineClient client = new PipelineClient(http, pipeline.getUrl(), environment.getObjectMapper(),
                pipeline.getShardsCount(), Duration.ofSeconds(pipeline.getTimeout()));
        final PipelineDelivery delivery = new PipelineDelivery(client,
                new DeliveryJournal(settings.getStorage().getStateDir()), settings.getStorage().getEventsDir(),
                sender, clock, new Backoff(Duration.ofMillis(pipeline.getRetryInitialDelayMs()),
                        Duration.ofMillis(pipeline.getRetryMaxDelayMs())),
                new SplittableRandom(seed),
                StopBudget.of(settings.getServer().getShutdownGracePeriod())
                        .drain(Duration.ofSeconds(pipeline.getDrainTimeout())),
                environment.metrics());
        environment.lifecycle().manage(http);
        environment.lifecycle().manage(delivery);
        return delivery;
    }
}
