package org.eventingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.core.world.Partition;
import org.eventingest.tick.BatchSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigurationFactoryTest {

    @TempDir
    Path dir;

    private EventIngestSettings load(Path file, Map<String, String> env) throws IOException, ConfigurationException {
        return new TomlConfigurationFactory<>(Jackson.newObjectMapper(), env, settings -> settings)
                .build(new FileConfigurationSourceProvider(), file.toString());
    }

    private EventIngestSettings load(String toml, Map<String, String> env) throws IOException, ConfigurationException {
        final Path file = dir.resolve("event-ingest.toml");
        Files.writeString(file, toml);
        return load(file, env);
    }

    private String error(String toml, Map<String, String> env) {
        try {
            load(toml, env);
        } catch (ConfigurationException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a configuration error for:\n" + toml);
    }

    @Test
    void theRepositoryFileHoldsTheSeedsKeysAndDefaults() throws Exception {
        final EventIngestSettings settings = load(Path.of("event-ingest.toml"), Map.of());
        assertThat(settings.getServer().getHost()).isEqualTo("0.0.0.0");
        assertThat(settings.getServer().getPort()).isEqualTo(8080);
        assertThat(settings.getServer().getReadTimeout()).isEqualTo(30);
        assertThat(settings.getServer().getWriteTimeout()).isEqualTo(30);
        assertThat(settings.getServer().getIdleTimeout()).isEqualTo(120);
        assertThat(settings.getEvents().getMaxPayloadSize()).isEqualTo(1_048_576);
        assertThat(settings.getEvents().getValidationTimeout()).isEqualTo(5);
        assertThat(settings.getEvents().getMaxBatchSize()).isEqualTo(1000);
        assertThat(settings.getEvents().getGenerationInterval()).isEqualTo(10);
        assertThat(settings.getEvents().getEventsPerBatch()).isEqualTo(5);
        assertThat(settings.getLogging().getLevel()).isEqualTo("INFO");
        assertThat(settings.getLogging().getFormat()).isEqualTo("json");
        assertThat(settings.getPipeline().getUrl()).hasToString("http://pipeline-apid:8082/api/v1/pipeline");
        assertThat(settings.getPipeline().getShardsCount()).isEqualTo(2);
        assertThat(settings.getStorage().getEventsDir()).isEqualTo(Path.of("/shared/events"));
        assertThat(settings.getStorage().getStateDir()).isEqualTo(Path.of("/shared/event-ingest-state"));
        assertThat(settings.getPipeline().getRetryInitialDelayMs()).isEqualTo(500);
        assertThat(settings.getPipeline().getRetryMaxDelayMs()).isEqualTo(30_000);
        assertThat(settings.getPipeline().getDrainTimeout()).isEqualTo(5);
        assertThat(settings.getAdmin().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void anEmptyTableTakesTheDefaults() throws Exception {
        final EventIngestSettings settings = load("[events]\nevents_per_batch = 7\n", Map.of());
        assertThat(settings.getEvents().getEventsPerBatch()).isEqualTo(7);
        assertThat(settings.getEvents().getEffectiveBatchMax()).isEqualTo(7);
        assertThat(settings.getServer().getPort()).isEqualTo(8080);
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesIt() {
        assertThat(error("[events]\ngeneration_intervall = 10\n", Map.of()))
                .contains("generation_intervall")
                .contains("Did you mean")
                .contains("generation_interval");
        assertThat(error("[evnts]\n", Map.of())).contains("evnts");
    }

    @Test
    void aSyntaxErrorNamesTheFileLineAndColumn() {
        final String message = error("[server]\nport = 8080\nhost = \"0.0.0.0\n", Map.of());
        assertThat(message).contains(dir.resolve("event-ingest.toml").toString())
                .contains("TOML syntax error at line 3, column");
    }

    @Test
    void valuesOutOfRangeNameTheKeyAndTheAllowedRange() {
        assertThat(error("[server]\nport = 70000\n", Map.of())).contains("server.port must be between 0 and 65535");
        assertThat(error("[server]\nread_timeout = 0\n", Map.of()))
                .contains("server.read_timeout must be between 1 and 3600");
        assertThat(error("[events]\nevents_per_batch = 0\n", Map.of()))
                .contains("events.events_per_batch must be between 1 and 100000000");
        assertThat(error("[events]\ngeneration_interval = 0\n", Map.of()))
                .contains("events.generation_interval must be between 1 and 86400");
        assertThat(error("[pipeline]\nshards_count = 0\n", Map.of()))
                .contains("pipeline.shards_count must be between 1 and 1024");
        assertThat(error("[pipeline]\nurl = \"ftp://x\"\n", Map.of()))
                .contains("pipeline.url must be an http:// or https:// URL");
        assertThat(error("[logging]\nformat = \"xml\"\n", Map.of()))
                .contains("logging.format must be one of [json, text]");
        assertThat(error("[logging]\nlevel = \"LOUD\"\n", Map.of())).contains("logging.level must be one of");
        assertThat(error("[storage]\nshared_dir = \"\"\n", Map.of())).contains("storage.shared_dir must not be blank");
        assertThat(error("[pipeline]\nretry_initial_delay_ms = 5000\nretry_max_delay_ms = 1000\n", Map.of()))
                .contains("pipeline.retry_initial_delay_ms must not exceed pipeline.retry_max_delay_ms");
        assertThat(error("[pipeline]\ndrain_timeout = 60\n", Map.of()))
                .contains("pipeline.drain_timeout must be between 0 and 20");
        assertThat(error("[world]\nshops = 0\n", Map.of())).contains("world.shops must be between 1 and 100000");
        assertThat(error("[world]\nshops = 100000\ngoods = 1000\n", Map.of()))
                .contains("world.shops × world.goods must be at most 50000000");
        assertThat(error("[world]\nprice_min = 10.00\nprice_max = 5.00\n", Map.of()))
                .contains("world.price_min must not exceed world.price_max");
        assertThat(error("[world]\nstarting_balance = 10.005\n", Map.of()))
                .contains("world.starting_balance must have at most two decimals");
        assertThat(error("[world]\nshop_distribution = \"pareto\"\n", Map.of()))
                .contains("world.shop_distribution must be one of [uniform, zipf]");
        assertThat(error("[events.mix]\nrestock = 0\npurchase = 0\nprice_change = 0\nreturn = 0\nshop_status = 0\n",
                Map.of())).contains("events.mix weights must not all be 0");
        assertThat(error("[events.mix]\nrefund = 3\n", Map.of())).contains("events.mix.refund");
        assertThat(error("[anomalies]\nduplicate = 1.5\n", Map.of()))
                .contains("anomalies.duplicate must be between 0.0 and 1.0");
        assertThat(error("[storage]\nshared_dir = \"/s\"\nstate_dir = \"/s/events/state\"\n", Map.of()))
                .contains("storage.state_dir must not be inside $SHARED_DIR/events");
    }

    @Test
    void wrongTypesAreErrorsNotTruncations() {
        assertThat(error("[events]\ngeneration_interval = 1.5\n", Map.of())).contains("generation_interval");
        assertThat(error("[server]\nport = \"abc\"\n", Map.of())).contains("port");
        assertThat(error("server = 5\n", Map.of())).contains("server");
    }

    @Test
    void everyKeyNotSetByTheFileIsListedWithItsSource() throws Exception {
        System.setProperty("dw.events.generation_interval", "7");
        final EventIngestSettings settings;
        try {
            settings = load("[world]\nshops = 5\n[admin]\nport = 9191\n",
                    Map.of("SERVER_PORT", "9090", "EVENT_INGEST_WORLD_GOODS", "12", "ADMIN_TOKEN", "s3cret"));
        } finally {
            System.clearProperty("dw.events.generation_interval");
        }
        assertThat(settings.getOrigins()).contains("server.port=9090 (SERVER_PORT)",
                "world.goods=12 (EVENT_INGEST_WORLD_GOODS)", "admin.token=(hidden) (ADMIN_TOKEN)",
                "events.generation_interval=7 (-Ddw.events.generation_interval)",
                "world.users=10000 (default)", "events.mix.purchase=40 (default)", "server.max_requests=8 (default)");
        // What the file set is not repeated; no secret is printed.
        assertThat(settings.getOrigins()).noneMatch(origin -> origin.startsWith("world.shops=")
                || origin.startsWith("admin.port=") || origin.contains("s3cret"));
        assertThat(settings.getWorld().getGoods()).isEqualTo(12);
    }

    @Test
    void environmentOverridesWinOverTheFile() throws Exception {
        final EventIngestSettings settings = load(
                "[server]\nport = 8080\n[pipeline]\nurl = \"http://a:1/p\"\nshards_count = 2\n",
                Map.of("SERVER_PORT", "9090", "PIPELINE_URL", "http://127.0.0.1:8082/api/v1/pipeline",
                        "PIPELINE_SHARDS_COUNT", "4", "SHARED_DIR", "/data/shared"));
        assertThat(settings.getServer().getPort()).isEqualTo(9090);
        assertThat(settings.getPipeline().getUrl()).hasToString("http://127.0.0.1:8082/api/v1/pipeline");
        assertThat(settings.getPipeline().getShardsCount()).isEqualTo(4);
        assertThat(settings.getStorage().getEventsDir()).isEqualTo(Path.of("/data/shared/events"));
        assertThat(settings.getStorage().getStateDir()).isEqualTo(Path.of("/data/shared/event-ingest-state"));
    }

    @Test
    void everyKeyHasAnEnvironmentVariableByOneRule() throws Exception {
        final EventIngestSettings settings = load("[world]\nshops = 5\n", Map.of(
                "EVENT_INGEST_WORLD_SHOPS", "7",
                "EVENT_INGEST_ADMIN_PORT", "9191",
                "EVENT_INGEST_ADMIN_HOST", "0.0.0.0",
                "EVENT_INGEST_ADMIN_TOKEN", "t0ken",
                "EVENT_INGEST_EVENTS_GENERATION_INTERVAL", "3",
                "EVENT_INGEST_EVENTS_BATCH", "exact",
                "EVENT_INGEST_EVENTS_MIX_PURCHASE", "90",
                "EVENT_INGEST_ANOMALIES_DUPLICATE", "0.25",
                "EVENT_INGEST_PIPELINE_ENABLED", "false",
                "EVENT_INGEST_WORLD_STARTING_BALANCE", "50.00"));
        assertThat(settings.getWorld().getShops()).isEqualTo(7);
        assertThat(settings.getAdmin().getPort()).isEqualTo(9191);
        assertThat(settings.getAdmin().isLoopback()).isFalse();
        assertThat(settings.getAdmin().getToken()).contains("t0ken");
        assertThat(settings.getEvents().getGenerationInterval()).isEqualTo(3);
        assertThat(settings.getEvents().getBatch()).isEqualTo(BatchSize.EXACT);
        assertThat(settings.getEvents().getMix().weights()[1]).isEqualTo(90);
        assertThat(settings.getAnomalies().getDuplicate()).isEqualTo(0.25);
        assertThat(settings.getPipeline().isEnabled()).isFalse();
        assertThat(settings.getWorld().getStartingBalanceCents()).isEqualTo(5000);
        // Checked by the file's rules, naming the variable; a variable naming no key is refused like a typo.
        assertThat(error("", Map.of("EVENT_INGEST_WORLD_SHOPS", "0")))
                .contains("world.shops must be between 1 and 100000 "
                        + "(set by environment variable EVENT_INGEST_WORLD_SHOPS=0)");
        assertThat(error("", Map.of("EVENT_INGEST_WORLD_SHOPZ", "3"))).contains("shopz");
        assertThat(error("", Map.of("EVENT_INGEST_WORDL_SHOPS", "3")))
                .contains("EVENT_INGEST_WORDL_SHOPS names no key");
    }

    @Test
    void thePartitionKeysAreValidatedNamingTheKeyAndTheRange() throws Exception {
        assertThat(load("", Map.of()).getWorld().toSpec().partition()).isEqualTo(Partition.WHOLE);
        final EventIngestSettings third = load("[world]\npartition = 2\npartitions = 3\n", Map.of());
        assertThat(third.getWorld().toSpec().partition()).isEqualTo(new Partition(2, 3));
        assertThat(error("[world]\npartitions = 0\n", Map.of()))
                .contains("world.partitions must be between 1 and 1024");
        assertThat(error("[world]\npartitions = 1025\n", Map.of()))
                .contains("world.partitions must be between 1 and 1024");
        assertThat(error("[world]\npartition = -1\npartitions = 2\n", Map.of()))
                .contains("world.partition must be between 0 and 1023");
        final String beyond = error("[world]\npartition = 2\npartitions = 2\n", Map.of());
        assertThat(beyond).contains("world.partition must be between 0 and world.partitions - 1")
                .doesNotContain("1023");
        assertThat(error("[world]\nshops = 3\npartitions = 4\n", Map.of()))
                .contains("world.shops and world.users must each be at least world.partitions");
        assertThat(error("[world]\nusers = 3\npartitions = 4\n", Map.of()))
                .contains("world.shops and world.users must each be at least world.partitions");
        // The environment rule covers them, as every key (a StatefulSet passes the pod's ordinal).
        final EventIngestSettings fromEnv = load("[world]\npartitions = 4\n",
                Map.of("EVENT_INGEST_WORLD_PARTITION", "3"));
        assertThat(fromEnv.getWorld().toSpec().partition()).isEqualTo(new Partition(3, 4));
        assertThat(fromEnv.getOrigins()).contains("world.partition=3 (EVENT_INGEST_WORLD_PARTITION)");
        assertThat(error("[world]\npartitions = 4\n", Map.of("EVENT_INGEST_WORLD_PARTITION", "4")))
                .contains("world.partition must be between 0 and world.partitions - 1");
        assertThat(error("", Map.of("EVENT_INGEST_WORLD_PARTITIONS", "two"))).contains("world.partitions");
    }

    @Test
    void badEnvironmentValuesNameTheVariableTheKeyAndTheRange() {
        assertThat(error("", Map.of("SERVER_PORT", "abc")))
                .contains("server.port must be an integer, but environment variable SERVER_PORT is 'abc'");
        assertThat(error("", Map.of("PIPELINE_SHARDS_COUNT", "0")))
                .contains("pipeline.shards_count must be between 1 and 1024 "
                        + "(set by environment variable PIPELINE_SHARDS_COUNT=0)");
        assertThat(error("", Map.of("PIPELINE_URL", "not a url")))
                .contains("pipeline.url must be an http:// or https:// URL");
    }

    @Test
    void theSeedsServerAndLoggingKeysAreMappedOntoDropwizard() throws Exception {
        final EventIngestConfiguration configuration = new EventIngestConfiguration(load(
                "[server]\nhost = \"127.0.0.1\"\nport = 9999\nidle_timeout = 45\n[admin]\nport = 9998\n"
                        + "[logging]\nlevel = \"warn\"\nformat = \"text\"\n", Map.of()));
        final DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        final HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        assertThat(application.getBindHost()).isEqualTo("127.0.0.1");
        assertThat(application.getPort()).isEqualTo(9999);
        assertThat(application.getIdleTimeout().toSeconds()).isEqualTo(45);
        final HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
        assertThat(admin.getPort()).isEqualTo(9998);
        assertThat(((DefaultLoggingFactory) configuration.getLoggingFactory()).getLevel())
                .isEqualTo("WARN");
    }

    @Test
    void readAndWriteTimeoutsBoundJettysBlockingIoOnTheApplicationConnector() throws Exception {
        final EventIngestConfiguration configuration = new EventIngestConfiguration(load(
                "[server]\nread_timeout = 12\nwrite_timeout = 40\nidle_timeout = 90\n", Map.of()));
        final DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        final BlockingTimeoutConnectorFactory application =
                (BlockingTimeoutConnectorFactory) server.getApplicationConnectors().get(0);
        assertThat(application.buildHttpConfiguration().getIdleTimeout()).isEqualTo(40_000);
        assertThat(application.getIdleTimeout().toSeconds()).isEqualTo(90);
    }

    @Test
    void anAdminPortOffLoopbackNeedsAToken() throws Exception {
        assertThat(error("[admin]\nhost = \"0.0.0.0\"\n", Map.of()))
                .contains("admin.token (or ADMIN_TOKEN) is required when admin.host is not a loopback address");
        assertThat(load("[admin]\nhost = \"0.0.0.0\"\n", Map.of("ADMIN_TOKEN", "s3cret")).getAdmin().getToken())
                .contains("s3cret");
        assertThat(load("[admin]\nhost = \"0.0.0.0\"\ntoken = \"t\"\n", Map.of()).getAdmin().getToken()).contains("t");
        assertThat(load("[admin]\nhost = \"localhost\"\n", Map.of()).getAdmin().getToken()).isEmpty();
    }

    @Test
    void theKafkaOutputNeedsItsServersAndTopicAndLeavesItsGuaranteesAlone() throws Exception {
        assertThat(load("", Map.of()).getOutput().isKafka()).isFalse();
        assertThat(error("[output]\nkind = \"kafka\"\n", Map.of()))
                .contains("output.kind = \"kafka\" needs kafka.bootstrap_servers (host:port[,host:port])")
                .contains("and kafka.topic");
        assertThat(error("[output]\nkind = \"queue\"\n", Map.of())).contains("output.kind").contains("kafka");
        final String kafka = "[output]\nkind = \"kafka\"\n[kafka]\nbootstrap_servers = \"127.0.0.1:9092\"\n"
                + "topic = \"events\"\n";
        final EventIngestSettings settings = load(kafka, Map.of("EVENT_INGEST_WORLD_PARTITION", "1",
                "EVENT_INGEST_WORLD_PARTITIONS", "2"));
        assertThat(settings.getKafka().getTruthTopic()).isEqualTo("events.truth");
        assertThat(settings.getKafka().getTransactionalId(settings.getWorld().getPartition()))
                .isEqualTo("event-ingest-events-1");
        assertThat(error(kafka + "[kafka.properties]\nacks = \"1\"\n", Map.of()))
                .contains("kafka.properties must not set bootstrap.servers, transactional.id, enable.idempotence,")
                .contains("acks");
        assertThat(load(kafka + "[kafka.properties]\n\"compression.type\" = \"lz4\"\n", Map.of()).getKafka()
                .getProperties()).containsEntry("compression.type", "lz4");
        assertThat(error(kafka + "truth_topic = \"events\"\n", Map.of()))
                .contains("kafka.truth_topic must differ from kafka.topic");
        assertThat(error("[kafka]\ntopic = \"no spaces\"\n", Map.of())).contains("kafka.topic");
        assertThat(error(kafka + "timeout = 0\n", Map.of())).contains("kafka.timeout must be between 1 and 300");
        assertThat(load(kafka, Map.of("EVENT_INGEST_KAFKA_TOPIC", "other")).getKafka().getTopic()).isEqualTo("other");
    }
}
