package org.eventingest.cli;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import java.io.FileNotFoundException;
import org.eventingest.core.world.StateException;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eventingest.EventIngestConfiguration;

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
    public void onError(Cli cli, Namespace namespace, Throwable error) {
        if (error instanceof ConfigurationException || error instanceof FileNotFoundException
                || error instanceof StateException) {
            cli.getStdErr().println(error.getMessage());
            return;
        }
        super.onError(cli, namespace, error);
    }
}
