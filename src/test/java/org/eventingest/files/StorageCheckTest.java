package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness tells the truth about storage: both directories, and room for the largest tick. */
class StorageCheckTest {

    @TempDir
    Path shared;

    @Test
    void aFileSystemTooFullForTheLargestTickIsNamedWithWhatIsFreeAndRecoveryShowsAtTheNextCheck() throws Exception {
        final Path events = Files.createDirectories(shared.resolve("events"));
        final Path state = Files.createDirectories(shared.resolve("state"));
        final AtomicLong eventsFree = new AtomicLong(1L << 40);
        final AtomicLong largestTick = new AtomicLong(1000);
        final StorageCheck check = new StorageCheck(new EventDirectory(events, Duration.ofSeconds(5)),
                new EventDirectory(state, Duration.ofSeconds(5)), largestTick::get,
                directory -> directory.equals(events) ? eventsFree.get() : 1L << 40);
        assertThat(check.problem()).isEmpty();

        // 1,000,000 events of up to 256 bytes do not fit in 100 MB.
        largestTick.set(1_000_000);
        eventsFree.set(100_000_000);
        assertThat(check.problem()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the events directory " + events).contains("100.0 MB free").contains("1000000 events"));
        eventsFree.set(1L << 40);
        assertThat(check.problem()).isEmpty();
    }

    @Test
    void anUnwritableStateDirectoryIsReportedToo() throws Exception {
        final Path events = Files.createDirectories(shared.resolve("events"));
        final Path state = Files.writeString(shared.resolve("state"), "a file where the state directory should be");
        final StorageCheck check = new StorageCheck(new EventDirectory(events, Duration.ofSeconds(5)),
                new EventDirectory(state, Duration.ofSeconds(5)), () -> 10, StorageCheck.FILE_SYSTEM);
        assertThat(check.problem())
                .hasValueSatisfying(reason -> assertThat(reason).contains("cannot create a file in " + state));
        Files.delete(state);
        Files.createDirectory(state);
        assertThat(check.problem()).isEmpty();
    }
}
