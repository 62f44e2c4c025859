package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [server] idle_timeout}: Jetty closes a connection that stays silent that long. */
class ServerTimeoutsTest {

    @TempDir
    static Path shared;

    private static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = new RunningApp(Instant.parse("2026-01-01T00:00:00Z"), shared,
                "idle_timeout = 1\nread_timeout = 1\nwrite_timeout = 1",
                "[pipeline]\nurl = \"http://127.0.0.1:9/api/v1/pipeline\"\n");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterIdleTimeout() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final byte[] buffer = new byte[4096];
            final int first = in.read(buffer);
            assertThat(new String(buffer, 0, first, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");

            final long idleFrom = System.nanoTime();
            int read;
            do {
                read = in.read(buffer); // the rest of the answer, then end of stream when Jetty closes
            } while (read > 0);
            final Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);
            assertThat(read).isEqualTo(-1);
            assertThat(idle).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }
}
