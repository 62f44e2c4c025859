package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per state directory; the lock goes with its holder. */
class StateLockTest {

    @TempDir
    Path state;

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
}
