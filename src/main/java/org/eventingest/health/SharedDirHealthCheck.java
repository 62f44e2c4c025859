package org.eventingest.health;

import com.codahale.metrics.health.HealthCheck;
import org.eventingest.files.EventDirectory;

/** {@code shared-dir}: a probe file can be created and deleted in the events directory. */
public final class SharedDirHealthCheck extends HealthCheck {

    private final EventDirectory directory;

    public SharedDirHealthCheck(EventDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected Result check() {
        return directory.probeWritable()
                .map(Result::unhealthy)
                .orElseGet(() -> Result.healthy("%s is writable", directory.path()));
    }
}
