package org.eventingest.health;

import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Path;
import org.eventingest.files.StorageCheck;

/**
 * {@code shared-dir}: a probe file can be written in the events and the state directory, and both
 * have room for the largest tick the rate allows ({@link StorageCheck}).
 */
public final class SharedDirHealthCheck extends HealthCheck {

    private final StorageCheck storage;
    private final Path events;

    public SharedDirHealthCheck(StorageCheck storage, Path events) {
        this.storage = storage;
        this.events = events;
    }

    @Override
    protected Result check() {
        return storage.problem()
                .map(Result::unhealthy)
                .orElseGet(() -> Result.healthy("%s and the state directory are writable, with room for the next tick",
                        events));
    }
}
