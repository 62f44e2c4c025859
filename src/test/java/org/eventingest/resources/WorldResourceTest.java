package org.eventingest.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.MixSettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.world.WorldSnapshot;
import org.eventingest.support.Worlds;
import org.junit.jupiter.api.Test;

/** The world answer is taken and written once per file, whatever the number of readers at once. */
class WorldResourceTest {

    private final WorldSnapshot snapshot = Worlds.inMemory(new WorldSettings(), new MixSettings().weights(),
            new AnomalySettings(), 2, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1).snapshot();

    @Test
    void concurrentReadersShareOneSnapshotAndTheSameBytes() throws Exception {
        final AtomicInteger taken = new AtomicInteger();
        final CompletableFuture<WorldSnapshot> generatorAnswer = new CompletableFuture<>();
        final AtomicReference<String> newest = new AtomicReference<>("20260101000010");
        final WorldResource resource = new WorldResource(() -> {
            taken.incrementAndGet();
            return generatorAnswer;
        }, () -> Optional.of(newest.get()), new ObjectMapper());

        final ExecutorService readers = Executors.newFixedThreadPool(10);
        try {
            final CountDownLatch asked = new CountDownLatch(10);
            final List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(readers.submit(() -> {
                    asked.countDown();
                    return resource.world(null);
                }));
            }
            asked.await();
            // Every reader is in (the generator has not answered): one of them asked for a snapshot, once.
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> taken.get() == 1);
            generatorAnswer.complete(snapshot);
            final List<String> bodies = new ArrayList<>();
            for (Future<Response> answer : answers) {
                final Response response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.getStatus()).isEqualTo(200);
                bodies.add(body(response));
            }
            assertThat(taken.get()).isEqualTo(1);
            assertThat(bodies).hasSize(10).containsOnly(bodies.get(0));
            assertThat(bodies.get(0)).startsWith("{\"last_file\":null,\"next_order_id\":1,\"shops\":[");

            // A new file: the next reader takes a new snapshot.
            newest.set("20260101000020");
            resource.world(null);
            assertThat(taken.get()).isEqualTo(2);
        } finally {
            readers.shutdownNow();
        }
    }

    private static String body(Response response) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        assertThat(response.getHeaderString("Content-Length")).isEqualTo(Integer.toString(out.size()));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
