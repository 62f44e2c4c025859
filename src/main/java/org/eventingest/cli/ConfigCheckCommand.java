package org.eventingest.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eventingest.EventIngestConfiguration;

/**
 * {@code check FILE}: Dropwizard's {@code check} (the file parsed, environment applied and
 * validated, as {@code server} would), saying once on stderr that it is OK. Dropwizard's own "OK"
 * line is not logged: it went through an asynchronous appender that this short-lived process
 * sometimes flushed and sometimes not, so the answer came once or twice.
 */
public final class ConfigCheckCommand extends CheckCommand<EventIngestConfiguration> {

    public ConfigCheckCommand(Application<EventIngestConfiguration> application) {
        super(application);
    }

    @Override
    protected void run(Bootstrap<EventIngestConfiguration> bootstrap, Namespace namespace,
                       EventIngestConfiguration configuration) {
        System.err.println(namespace.getString("file") + ": configuration is OK");
    }
}
