package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eventingest.core.EventFileName;
import org.eventingest.files.EventDirectory;
import org.eventingest.files.EventFileListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per state directory, and per events directory in a partitioned world; the lock goes with its holder. */
class StateLockTest {

    @TempDir
    Path state;

    @TempDir
    Path root;

    @Test
    void aHeldDirectoryIsRefusedUntilItsLockIsReleased() throws Exception {
        final StateLock first = StateLock.acquire(state);
        assertThat(Files.readString(state.resolve(StateLock.FILE)))
                .isEqualTo("pid " + ProcessHandle.current().pid() + "\n");
        assertThatThrownBy(() -> StateLock.acquire(state)).isInstanceOf(StateException.class)
                .hasMessageContaining("the state directory " + state + " is in use by this process")
                .hasMessageContaining("give each instance its own storage.state_dir");
        first.close();
        first.close(); // twice is harmless (a failed start closes it, then the lifecycle may too)
        StateLock.acquire(state).close();
    }

    @Test
    void aHeldEventsDirectoryIsRefusedToAnInstanceWithItsOwnStateDirectory() throws Exception {
        final Path events = root.resolve("shared/events");
        final StateLock first = StateLock.acquire(root.resolve("state-0"), Optional.of(events));
        assertThat(Files.readString(events.resolve(StateLock.EVENTS_FILE)))
                .isEqualTo("pid " + ProcessHandle.current().pid() + "\n");
        assertThatThrownBy(() -> StateLock.acquire(root.resolve("state-1"), Optional.of(events)))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("the events directory " + events + " is in use by this process")
                .hasMessageContaining("give each instance its own storage.shared_dir");
        // The refused start holds nothing: its own state directory is free.
        StateLock.acquire(root.resolve("state-1")).close();
        first.close();
        StateLock.acquire(root.resolve("state-1"), Optional.of(events)).close();
    }

    @Test
    void aRefusedStateDirectoryReleasesTheEventsDirectoryLockedBeforeIt() throws Exception {
        final Path events = root.resolve("shared/events");
        try (StateLock held = StateLock.acquire(state)) {
            assertThatThrownBy(() -> StateLock.acquire(state, Optional.of(events)))
                    .isInstanceOf(StateException.class).hasMessageContaining("the state directory " + state);
            StateLock.acquire(root.resolve("other-state"), Optional.of(events)).close();
        }
    }

    @Test
    void theEventsDirectorysLockIsADotfileThatNoListingTakesForAnEventFileOrALeftover() throws Exception {
        final Path events = root.resolve("events");
        try (StateLock lock = StateLock.acquire(state, Optional.of(events))) {
            assertThat(StateLock.EVENTS_FILE).startsWith(".").doesNotEndWith(".event-ingest.txt");
            assertThat(EventFileName.isPublished(StateLock.EVENTS_FILE)).isFalse();
            assertThat(EventFileName.isTemporary(StateLock.EVENTS_FILE)).isFalse();
            assertThat(new EventDirectory(events, Duration.ofSeconds(5)).prepare()).isZero();
            assertThat(events.resolve(StateLock.EVENTS_FILE)).exists();
            assertThat(EventFileListing.published(events)).isEmpty();
        }
        // Unpartitioned, the events directory is left as it always was.
        final Path unpartitioned = root.resolve("unpartitioned/events");
        StateLock.acquire(root.resolve("unpartitioned/state")).close();
        assertThat(unpartitioned).doesNotExist();
    }
}
