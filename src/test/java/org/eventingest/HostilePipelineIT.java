package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventingest.support.JarProcess;
import org.eventingest.support.RawPipelinePeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar under {@code -Xmx64m} against a pipeline-apid that answers with a 300 MiB body
 * and then with one that drips a byte a second: both are failed calls, retried, and every file is
 * announced in the end, in a heap a fifth of the size of the first answer.
 */
class HostilePipelineIT {

    @TempDir
    Path dir;

    private Process service;

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    private List<String> published() {
        return JarProcess.publishedPrefixes(dir.resolve("shared/events"));
    }

    @Test
    void aHugeAndADrippingAnswerFailTheCallAndDeliveryGoesOnInSixtyFourMegabytes() throws Exception {
        try (RawPipelinePeer peer = new RawPipelinePeer(call -> switch (call) {
            case 0, 2 -> RawPipelinePeer.Answer.HUGE;
            case 1 -> RawPipelinePeer.Answer.DRIP;
            default -> RawPipelinePeer.Answer.CONTRACT;
        })) {
            final Path config = dir.resolve("event-ingest.toml");
            Files.createDirectories(dir.resolve("shared"));
            Files.writeString(config, """
                    [server]
                    host = "127.0.0.1"
                    port = 0
                    [admin]
                    port = 0
                    [events]
                    generation_interval = 1
                    [logging]
                    format = "text"
                    [pipeline]
                    url = "%s"
                    timeout = 2
                    retry_initial_delay_ms = 100
                    retry_max_delay_ms = 500
                    [storage]
                    shared_dir = "%s"
                    """.formatted(peer.url(), dir.resolve("shared")));
            final Path log = dir.resolve("service.log");
            service = JarProcess.startServer(config, log, List.of("-Xmx64m"));

            await().atMost(60, TimeUnit.SECONDS).until(() -> published().size() >= 4);
            final List<String> onDisk = published();
            await().atMost(60, TimeUnit.SECONDS).until(() -> onDisk.stream()
                    .allMatch(prefix -> peer.calls().contains("D:" + prefix)));

            assertThat(service.isAlive()).isTrue();
            final String output = Files.readString(log);
            assertThat(output).contains("an answer body of " + RawPipelinePeer.HUGE_BYTES + " bytes (Content-Length)");
            // The drip (1,000 bytes at one a second) was cut off by pipeline.timeout, or this would still wait.
            assertThat(output).contains("available again after").contains("and 3 failed calls");
            assertThat(output).doesNotContain("OutOfMemoryError");
            // Read up to the cap, then cut: the peer got a few socket buffers out of its 2 × 300 MiB.
            assertThat(peer.hugeBytesSent()).isLessThan(32L << 20);
            assertThat(peer.calls().subList(0, 4)).allMatch(call -> call.startsWith("R:"));

            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
