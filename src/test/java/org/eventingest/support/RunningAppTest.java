package org.eventingest.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunningApp#close()} fails the test whose application does not stop within its budget. */
class RunningAppTest {

    /** A managed object whose stop hangs, as a sender that ignores its drain timeout would. */
    static final class HangingStop implements Managed {
        @Override
        public void stop() throws InterruptedException {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS); // never counted down: hangs until interrupted
        }
    }

    @TempDir
    Path shared;

    @Test
    void aStopThatOverrunsItsBudgetFailsNamingWhereItHungAndStillReleasesThePorts() throws Exception {
        final RunningApp app = new RunningApp(Instant.parse("2026-01-01T00:00:00.500Z"), shared, "", "",
                "[pipeline]\nurl = \"http://127.0.0.1:9/api/v1/pipeline\"\ndrain_timeout = 0\n",
                Duration.ofSeconds(1), environment -> environment.lifecycle().manage(new HangingStop()));
        final int port = app.port();
        final int adminPort = app.adminPort();

        final long started = System.nanoTime();
        assertThatThrownBy(app::close).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the application did not stop within 1000 ms: still in "
                        + HangingStop.class.getName() + ".stop(");
        // Interrupted, not waited out: the planted 30 s are not spent.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(bindable(port)).isTrue();
        assertThat(bindable(adminPort)).isTrue();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
