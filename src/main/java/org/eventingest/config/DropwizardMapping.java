package org.eventingest.config;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.request.logging.old.LogbackClassicRequestLogFactory;
import io.dropwizard.util.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the seed's flat {@code [server]} and {@code [logging]} sections onto Dropwizard's server
 * and logging factories, so the operator writes the seed's format and not Dropwizard's.
 */
public final class DropwizardMapping {

    private DropwizardMapping() {
    }

    public static DefaultServerFactory serverFactory(ServerSettings server, AdminSettings admin,
                                                     LoggingSettings logging) {
        // Jetty 12 has a single timeout for blocking request reads and response writes: the larger
        // of read_timeout and write_timeout bounds both, so neither cuts the other short.
        final long blockingMillis = 1000L * Math.max(server.getReadTimeout(), server.getWriteTimeout());
        final HttpConnectorFactory application = new BlockingTimeoutConnectorFactory(blockingMillis);
        application.setBindHost(server.getHost());
        application.setPort(server.getPort());
        application.setIdleTimeout(Duration.seconds(server.getIdleTimeout()));

        final HttpConnectorFactory adminConnector = new HttpConnectorFactory();
        adminConnector.setBindHost(admin.getHost());
        adminConnector.setPort(admin.getPort());

        // CHECKSTYLE.OFF: InlineFullyQualifiedName - Duration is Dropwizard's here
        final DefaultServerFactory factory = new BoundedServerFactory(server.getMaxRequests(),
                server.getMaxQueuedRequests(), java.time.Duration.ofSeconds(server.getReadTimeout()));
        // CHECKSTYLE.ON: InlineFullyQualifiedName
        factory.setMaxThreads(server.getMaxThreads());
        factory.setMinThreads(Math.min(8, server.getMaxThreads()));
        factory.setApplicationConnectors(List.of(application));
        factory.setAdminConnectors(List.of(adminConnector));
        factory.setRegisterDefaultExceptionMappers(true);
        // Jetty's graceful stop (requests in flight) gets its share of the grace period; the managed
        // objects that Jetty stops after it get theirs (StopBudget).
        factory.setShutdownGracePeriod(Duration.milliseconds(
                StopBudget.of(server.getShutdownGracePeriod()).requests().toMillis()));
        // Requests are logged through the same appender (and so the same format) as everything else.
        final LogbackClassicRequestLogFactory requestLog = new LogbackClassicRequestLogFactory();
        final ConsoleAppenderFactory<ILoggingEvent> requestAppender = consoleAppender(logging);
        if (!logging.isJson()) {
            // Dropwizard's request-log layout prints the request line and ignores the pattern, but
            // refuses to start with none; any literal pattern will do.
            requestAppender.setLogFormat("request");
        }
        requestLog.setAppenders(List.of(requestAppender));
        factory.setRequestLogFactory(requestLog);
        return factory;
    }

    public static DefaultLoggingFactory loggingFactory(LoggingSettings logging) {
        final DefaultLoggingFactory factory = new DefaultLoggingFactory();
        factory.setLevel(logging.getLevel().toUpperCase(Locale.ROOT));
        final Map<String, JsonNode> loggers = new LinkedHashMap<>();
        loggers.put("org.eclipse.jetty", TextNode.valueOf("WARN"));
        loggers.put("org.glassfish.jersey.internal", TextNode.valueOf("WARN"));
        logging.getLoggers().forEach((name, level) ->
                loggers.put(name, TextNode.valueOf(level.toUpperCase(Locale.ROOT))));
        factory.setLoggers(loggers);
        factory.setAppenders(List.of(consoleAppender(logging)));
        return factory;
    }

    private static ConsoleAppenderFactory<ILoggingEvent> consoleAppender(LoggingSettings logging) {
        final ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
        console.setTimeZone("UTC");
        if (logging.isJson()) {
            final EventJsonLayoutBaseFactory layout = new TypedJsonLayoutFactory();
            layout.setFlattenMdc(true);
            layout.setTimestampFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            console.setLayout(layout);
        }
        return console;
    }
}
