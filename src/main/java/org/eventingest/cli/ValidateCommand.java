package org.eventingest.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eventingest.EventIngestConfiguration;

/**
 * Dropwizard's {@code check}, which also says so on stderr: its own log line goes through an
 * asynchronous appender that a process this short-lived may exit before flushing.
 */
public final class ValidateCommand extends CheckCommand<EventIngestConfiguration> {

    public ValidateCommand(Application<EventIngestConfiguration> application) {
        super(application);
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) throws Exception {
        super.run(bootstrap, namespace, configuration);
        System.err.println(namespace.getString("file") + ": configuration is OK");
    }
}
