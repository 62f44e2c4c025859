package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.eventingest.core.world.FullWorlds;
import org.eventingest.core.world.WorldSpec;
import org.eventingest.support.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.max_requests} and {@code server.max_queued_requests}: beyond them the application
 * port answers 503 at once instead of taking more threads, and the probes are answered regardless.
 */
class ReaderFloodTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path shared;

    /** A connection that asks for the world with a small receive buffer and reads nothing yet. */
    private static Socket slowReader(int port) throws IOException {
        final Socket slow = new Socket();
        slow.setReceiveBufferSize(1024);
        slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        slow.setSoTimeout(30_000);
        slow.getOutputStream().write("GET /api/v1/world HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return slow;
    }

    @Test
    void aReaderBeyondTheBoundIsRefusedAndTheProbesStillAnswer() throws Exception {
        // 400,000 cells, every one stocked and priced: an answer of megabytes, more than the socket buffers hold.
        final WorldSpec spec = new WorldSpec(200, 2000, 1000, 10_000_000, 100, 50_000, 10_000, false, 1.0);
        FullWorlds.write(shared.resolve("event-ingest-state"), spec, 7, "20251231235959.event-ingest.txt");
        try (RunningApp app = new RunningApp(START, shared, "max_requests = 1\nmax_queued_requests = 0",
                "[events]\nseed = 7\n[world]\nshops = 200\ngoods = 2000\nusers = 1000\n"
                        + "[pipeline]\nenabled = false\n")) {
            app.tickAt(START.plusSeconds(10));

            // The last request of tickAt may hold the one permit a moment after its answer arrived: the slow
            // reader asks again until it is the one request let in.
            final AtomicReference<Socket> admitted = new AtomicReference<>();
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> {
                final Socket socket = slowReader(app.port());
                final byte[] status = new byte[12];
                new DataInputStream(socket.getInputStream()).readFully(status);
                if (new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                    admitted.set(socket);
                    return true;
                }
                assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 503");
                socket.close();
                return false;
            });
            try (Socket slow = admitted.get()) {
                final InputStream in = slow.getInputStream();

                // The one request allowed is blocked writing to a reader that does not read.
                final RunningApp.Answer refused = app.get("/api/v1/events/stats");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(app.get("/ready").status()).isEqualTo(200);
                assertThat(app.get("/health").status()).isEqualTo(200);

                long total = 12; // "HTTP/1.1 200", read above
                final byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    total += n;
                }
                assertThat(total).isGreaterThan(8L << 20);
            }
            Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> app.get("/api/v1/events/stats").status() == 200);
            final RunningApp.Answer world = app.get("/api/v1/world");
            assertThat(world.status()).isEqualTo(200);
            assertThat(world.json().at("/shops/199/stock").size()).isEqualTo(2000);
            assertThat(world.json().get("last_file").asText()).isEqualTo("20260101000010.event-ingest.txt");
        }
    }
}
