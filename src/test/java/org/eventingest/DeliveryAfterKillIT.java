package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eventingest.support.JarProcess;
import org.eventingest.support.PipelineStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar, killed with SIGKILL while pipeline-apid is down, restarted while it answers 500s,
 * then healthy: every file on disk ends up registered for all shards and then marked done, once,
 * in name order, and none that was done before the kill is marked done again.
 */
class DeliveryAfterKillIT {

    @TempDir
    Path dir;

    private final PipelineStandIn pipeline = new PipelineStandIn();
    private Process service;

    DeliveryAfterKillIT() throws IOException {
    }

    @AfterEach
    void tearDown() {
        if (service != null) {
            service.destroyForcibly();
        }
        pipeline.close();
    }

    private List<String> published() {
        return JarProcess.publishedPrefixes(dir.resolve("shared/events"));
    }

    @Test
    void everyFileIsAnnouncedOnceInOrderAcrossAKillAndRestart() throws Exception {
        final Path config = dir.resolve("event-ingest.toml");
        Files.writeString(config, """
                [server]
                port = 0
                [admin]
                port = 0
                [events]
                generation_interval = 1
                events_per_batch = 100
                [logging]
                format = "text"
                [pipeline]
                url = "%s"
                shards_count = 2
                retry_initial_delay_ms = 100
                retry_max_delay_ms = 1000
                [storage]
                shared_dir = "%s"
                """.formatted(pipeline.url(), dir.resolve("shared")));

        service = JarProcess.startServer(config, dir.resolve("first.log"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> pipeline.acknowledgedDones().size() >= 3);
        pipeline.down();
        final int before = published().size();
        await().atMost(60, TimeUnit.SECONDS).until(() -> published().size() >= before + 3);
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        final List<String> doneBeforeKill = pipeline.acknowledgedDones();
        final List<String> onDisk = published();

        final AtomicInteger errors = new AtomicInteger();
        pipeline.misbehave(request -> errors.getAndIncrement() < 4
                ? Optional.of(PipelineStandIn.Reply.status(500)) : Optional.empty());
        pipeline.up();
        service = JarProcess.startServer(config, dir.resolve("second.log"));
        await().atMost(90, TimeUnit.SECONDS).until(() -> pipeline.acknowledgedDones().containsAll(onDisk));
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();

        final List<String> all = published();
        assertThat(all).containsAll(onDisk);
        try (Stream<Path> files = Files.list(dir.resolve("shared/events"))) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
        final List<String> acknowledged = pipeline.acknowledgedDones();
        assertThat(acknowledged).doesNotHaveDuplicates().isSorted().containsAll(onDisk);
        assertThat(acknowledged).containsAll(doneBeforeKill);
        for (String prefix : acknowledged) {
            final List<PipelineStandIn.Request> calls = pipeline.calls().stream()
                    .filter(call -> prefix.equals(call.filename())).toList();
            final int firstRegister = calls.indexOf(calls.stream().filter(PipelineStandIn.Request::isRegister)
                    .findFirst().orElseThrow());
            final int firstDone = calls.indexOf(calls.stream().filter(PipelineStandIn.Request::isDone)
                    .findFirst().orElseThrow());
            assertThat(firstRegister).as(prefix).isLessThan(firstDone);
            assertThat(calls.get(firstRegister).body().get("shards").toString()).isEqualTo("[0,1]");
        }
        assertThat(errors.get()).isGreaterThanOrEqualTo(4);
    }
}
