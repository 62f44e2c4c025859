package org.eventingest;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.servlets.tasks.Task;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eventingest.admin.AdminMenuServlet;
import org.eventingest.admin.AdminTokenFilter;
import org.eventingest.cli.BenchCommand;
import org.eventingest.cli.ConfigCheckCommand;
import org.eventingest.cli.GenerateCommand;
import org.eventingest.cli.RebuildStateCommand;
import org.eventingest.cli.ServeCommand;
import org.eventingest.config.EventIngestSettings;
import org.eventingest.config.EventsSettings;
import org.eventingest.config.PipelineSettings;
import org.eventingest.config.RateLimits;
import org.eventingest.config.StartupError;
import org.eventingest.config.StopBudget;
import org.eventingest.config.TomlConfigurationFactoryFactory;
import org.eventingest.core.IoFaults;
import org.eventingest.core.TickRandom;
import org.eventingest.core.world.EventMix;
import org.eventingest.core.world.StateLock;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.core.world.WorldStore;
import org.eventingest.files.EventDirectory;
import org.eventingest.files.EventFileIndex;
import org.eventingest.files.EventFileWriter;
import org.eventingest.files.FileTickOutput;
import org.eventingest.files.StorageCheck;
import org.eventingest.health.PipelineHealthCheck;
import org.eventingest.health.SharedDirHealthCheck;
import org.eventingest.health.WorldHealthCheck;
import org.eventingest.http.MaxPayloadFilter;
import org.eventingest.kafka.KafkaTickOutput;
import org.eventingest.metrics.PrometheusMetrics;
import org.eventingest.pipeline.LazyHttpClient;
import org.eventingest.pipeline.PipelineDelivery;
import org.eventingest.resources.HealthResource;
import org.eventingest.resources.StatsResource;
import org.eventingest.resources.WorldResource;
import org.eventingest.tasks.GeneratorTasks;
import org.eventingest.tasks.RequeueParkedTask;
import org.eventingest.tasks.TaskStatusFilter;
import org.eventingest.tick.EventTickJob;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickLoop;
import org.eventingest.tick.TickOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar event-ingest.jar server event-ingest.toml}. */
public class EventIngestApplication extends Application<EventIngestConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(EventIngestApplication.class);

    private final Clock clock;
    private final Map<String, String> environmentVariables;

    public EventIngestApplication() {
        this(Clock.systemUTC(), System.getenv());
    }

    /** For tests: a controllable clock and environment. */
    public EventIngestApplication(Clock clock, Map<String, String> environmentVariables) {
        this.clock = clock;
        this.environmentVariables = Map.copyOf(environmentVariables);
    }

    public static void main(String[] args) throws Exception {
        new EventIngestApplication().run(args);
    }

    @Override
    public String getName() {
        return "event-ingest";
    }

    @Override
    protected void addDefaultCommands(Bootstrap<EventIngestConfiguration> bootstrap) {
        bootstrap.addCommand(new ServeCommand(this));
        bootstrap.addCommand(new ConfigCheckCommand(this));
    }

    @Override
    public void initialize(Bootstrap<EventIngestConfiguration> bootstrap) {
        bootstrap.addCommand(new BenchCommand());
        bootstrap.addCommand(new GenerateCommand());
        bootstrap.addCommand(new RebuildStateCommand());
        bootstrap.setConfigurationFactoryFactory(
                new TomlConfigurationFactoryFactory<>(environmentVariables, EventIngestConfiguration::new));
    }

    @Override
    public void run(EventIngestConfiguration configuration, Environment environment) throws Exception {
        final EventIngestSettings settings = configuration.getSettings();
        final Path shared = settings.getStorage().getSharedDir();
        if (Files.exists(shared) && !Files.isDirectory(shared)) {
            throw new StartupError("storage.shared_dir " + shared + " is a regular file, not a directory: point "
                    + "storage.shared_dir (or SHARED_DIR) at a directory");
        }
        // One writer per state directory (and, in a partitioned world, per events directory), from before the state
        // is read until after the last managed object stopped.
        final StateLock stateLock = StateLock.acquire(settings.getStorage().getStateDir(),
                settings.getWorld().getPartitions() > 1 && !settings.getOutput().isKafka()
                        ? Optional.of(settings.getStorage().getEventsDir())
                        : Optional.empty());
        try {
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() throws IOException {
                    stateLock.close();
                }
            });
            start(settings, environment);
        } catch (Exception | Error e) {
            stateLock.close();
            throw e;
        }
    }

    private void start(EventIngestSettings settings, Environment environment) throws Exception {
        final EventsSettings events = settings.getEvents();
        final PipelineSettings pipeline = settings.getPipeline();
        final MetricRegistry metrics = environment.metrics();
        final EventDirectory directory = new EventDirectory(settings.getStorage().getEventsDir(),
                Duration.ofSeconds(events.getValidationTimeout()));
        directory.prepare();
        final EventFileIndex index = EventFileIndex.scan(directory.path());
        final boolean kafka = settings.getOutput().isKafka();
        // With Kafka, the commit point is the transaction: records without a mark wait for the truth topic.
        final WorldStore worldStore = WorldStore.open(settings.getStorage().getStateDir(),
                kafka ? Optional.empty() : Optional.of(directory.path()), settings.getWorld().toSpec(),
                events.getSeed(), () -> new SecureRandom().nextLong(), IoFaults.NONE);
        final long seed = worldStore.seed();
        LOG.info("events directory {} holds {}; world until {}; seed {}", directory.path(), index.summary().describe(),
                worldStore.lastFile().orElse("the first file"), seed);

        final PipelineDelivery delivery = pipeline.isEnabled() && !kafka
                ? Outputs.delivery(settings, environment, clock, oneThread(environment, "pipeline-sender-%d"), seed)
                : null;
        if (kafka) {
            LOG.info("output.kind = kafka: ticks go to {}, no files are written or announced to pipeline-apid",
                    settings.getKafka().getTopic());
        } else if (delivery == null) {
            LOG.info("pipeline delivery disabled (pipeline.enabled = false): files are written, nothing is announced");
        }

        final WorldEventGenerator world = new WorldEventGenerator(worldStore, new EventMix(events.getMix().weights()),
                settings.getAnomalies().toRates(), pipeline.getShardsCount(), clock);
        final StopBudget stop = StopBudget.of(settings.getServer().getShutdownGracePeriod());
        final AtomicReference<Rate> rate = new AtomicReference<>(events.rate());
        final KafkaTickOutput kafkaOutput = kafka ? Outputs.kafka(settings, environment, worldStore) : null;
        final TickOutput output = kafka ? kafkaOutput : new FileTickOutput(
                new EventFileWriter(directory.path(), metrics, IoFaults.NONE),
                oneThread(environment, "generator-helper-%d"));
        final EventTickJob tickJob = new EventTickJob(world, output,
                new TickRandom(seed, settings.getWorld().getPartition()), rate, metrics,
                delivery == null ? List.of(index::add) : List.of(delivery, index::add))
                .startingAfter(worldStore.lastFile());
        final TickLoop generator = new TickLoop(clock, rate, tickJob,
                oneThread(environment, "generator-%d"),
                metrics, stop.tick());
        environment.lifecycle().manage(generator);
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(Server server) {
                LOG.info("event-ingest {} listening on http://{}:{} (admin http://{}:{}); events {}, state {}; "
                                + "pipeline {}; a tick every {} s, {} of {} events (max {}); seed {}; "
                                + "not from the file: {}",
                        version(), settings.getServer().getHost(), getLocalPort(server), settings.getAdmin().getHost(),
                        getAdminPort(server), kafka ? "to Kafka topic " + settings.getKafka().getTopic()
                                + " at " + settings.getKafka().getBootstrapServers().orElse("") : directory.path(),
                        settings.getStorage().getStateDir(), kafka ? "not used (output.kind = kafka)"
                                : pipeline.isEnabled() ? pipeline.getUrl() : "disabled",
                        rate.get().interval().toSeconds(),
                        events.getBatch().name().toLowerCase(Locale.ROOT), events.getEventsPerBatch(),
                        events.getMaxBatchSize(), seed,
                        settings.getOrigins().isEmpty() ? "none" : String.join(", ", settings.getOrigins()));
            }
        });

        final StorageCheck storage = new StorageCheck(directory,
                new EventDirectory(settings.getStorage().getStateDir(),
                        Duration.ofSeconds(events.getValidationTimeout())),
                () -> Math.min(rate.get().eventsPerBatch(), rate.get().maxBatchSize()), StorageCheck.FILE_SYSTEM);
        environment.healthChecks().register("shared-dir", new SharedDirHealthCheck(storage, directory.path()));
        environment.healthChecks().register("world", new WorldHealthCheck(worldStore::problem, tickJob::behindBy));
        if (delivery != null) {
            final LazyHttpClient probe = LazyHttpClient.of(metrics, "pipeline-health",
                    stop.probeSeconds(pipeline.getTimeout()));
            environment.lifecycle().manage(probe);
            environment.healthChecks().register("pipeline",
                    new PipelineHealthCheck(probe, pipeline.getUrl(), delivery::status));
        }
        settings.getAdmin().getToken().ifPresent(token -> environment.admin()
                .addFilter("admin-token", new AdminTokenFilter(token, !settings.getAdmin().isLoopback()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*"));
        environment.admin().addFilter("task-status", new TaskStatusFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
        final List<Task> tasks = new ArrayList<>(
                GeneratorTasks.all(generator, new RateLimits(environment.getValidator()), stop.tick(),
                environment.getObjectMapper()));
        if (delivery != null) {
            tasks.add(new RequeueParkedTask(delivery, environment.getObjectMapper()));
        }
        tasks.forEach(environment.admin()::addTask);

        environment.admin().addServlet("prometheus", PrometheusMetrics.servlet(metrics))
                .addMapping("/metrics/prometheus");
        // Dropwizard's own tasks (gc, log-level) first, then the service's.
        final List<String> taskNames = new ArrayList<>(List.of("gc", "log-level"));
        tasks.forEach(task -> taskNames.add(task.getName()));
        environment.admin().addServlet("menu", new AdminMenuServlet(taskNames)).addMapping("");
        environment.servlets().addFilter("max-payload-size", new MaxPayloadFilter(events.getMaxPayloadSize()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new HealthResource(generator::isAlive,
                () -> storage.problem().or(worldStore::problem)
                        .or(kafkaOutput == null ? Optional::empty : kafkaOutput::problem),
                delivery == null ? Optional::empty : delivery::senderProblem));
        environment.jersey().register(new WorldResource(() -> generator.onGeneratorThread(world::snapshot),
                tickJob::newest, environment.getObjectMapper()));
        environment.jersey().register(new StatsResource(directory.path(), index::summary, generator::status,
                tickJob::status, delivery == null ? Optional::empty : () -> Optional.of(delivery.status())));
    }

    /** A managed single thread that, once its owner has stopped, is waited for 1 s at most (StopBudget). */
    static ExecutorService oneThread(Environment environment, String nameFormat) {
        return environment.lifecycle().executorService(nameFormat).minThreads(1).maxThreads(1)
                // CHECKSTYLE.OFF: InlineFullyQualifiedName (java.time.Duration is imported)
                .shutdownTime(io.dropwizard.util.Duration.seconds(1))
                // CHECKSTYLE.ON: InlineFullyQualifiedName
                .build();
    }

    private static String version() {
        final String version = EventIngestApplication.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
