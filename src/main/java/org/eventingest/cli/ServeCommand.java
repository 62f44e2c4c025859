package org.eventingest.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Environment;
import java.io.FileNotFoundException;
import java.net.BindException;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eventingest.EventIngestConfiguration;
import org.eventingest.config.StartupError;
import org.eventingest.core.world.StateException;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's {@code server} command, except that a configuration the operator can fix (an
 * invalid key, a syntax error, a bad environment value, a missing file) or a state directory it must
 * not continue from (damaged, of another world, missing while event files exist) is reported as its message
 * alone, not as a stack trace that buries it. The process still exits with status 1.
 */
public final class ServeCommand extends ServerCommand<EventIngestConfiguration> {

    public ServeCommand(Application<EventIngestConfiguration> application) {
        super(application);
    }

    @Override
    protected void run(Environment environment, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        // Dropwizard logs a failed start with its stack trace at ERROR; onError says it in one line instead.
        ((Logger) LoggerFactory.getLogger(ServerCommand.class)).setLevel(Level.OFF);
        super.run(environment, namespace, configuration);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        cli.getStdErr().println(oneLine(error));
        LoggerFactory.getLogger(ServeCommand.class).debug("the start failed", error);
    }

    /** What the operator reads: the message of an error they can fix, or the error and its root cause in one line. */
    static String oneLine(Throwable error) {
        if (error instanceof ConfigurationException || error instanceof FileNotFoundException
                || error instanceof StateException || error instanceof StartupError) {
            return error.getMessage();
        }
        Throwable root = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "cannot listen: " + error.getMessage() + " (" + cause.getMessage()
                        + "): server.port or admin.port is taken; choose a free port (0 picks one)";
            }
            root = cause;
        }
        return "event-ingest could not start: " + error + (root == error ? "" : " (caused by " + root + ")")
                + "; the stack trace is logged at DEBUG";
    }
}
