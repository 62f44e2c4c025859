package org.eventingest.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world answer is taken and written once per file, whatever the number of readers at once; over
 * Jersey, from a real generator: 404 before the first file, the file's prefix as ETag, 304 for it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WorldResourceTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:03.250Z");
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    @TempDir
    static Path dirs;

    private final RunningGenerator generator = new RunningGenerator(Files.createTempDirectory(dirs, "events"), START);
    /** As the application registers it: snapshots on the generator thread, the tick job's newest file. */
    private final ResourceExtension resources = ResourceExtension.builder().setMapper(JSON)
            .addResource(new WorldResource(() -> generator.loop.onGeneratorThread(generator.world::snapshot),
                    generator.job::newest, JSON))
            .build();

    private final WorldSnapshot snapshot = Worlds.inMemory(new WorldSettings(), new MixSettings().weights(),
            new AnomalySettings(), 2, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 1).snapshot();

    WorldResourceTest() throws IOException {
    }

    @AfterEach
    void stop() throws InterruptedException {
        generator.close();
    }

    private Response get(String ifNoneMatch) {
        final var request = resources.target("/api/v1/world").request();
        return ifNoneMatch == null ? request.get() : request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch).get();
    }

    @Test
    void beforeTheFirstFileTheAnswerIs404SayingSo() {
        generator.start();

        final Response response = get(null);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getEntityTag()).isNull();
        final JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("empty");
        assertThat(body.get("reason").asText()).isEqualTo("no file has been published yet");
    }

    @Test
    void theWorldOfTheNewestFileTaggedWithItsPrefixAnd304ForThatTag() throws Exception {
        generator.start();
        generator.tickAt(Instant.parse("2026-01-01T00:00:10Z"));

        final Response first = get(null);
        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getEntityTag()).isEqualTo(new EntityTag("20260101000010"));
        final String body = first.readEntity(String.class);
        assertThat(first.getLength()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        final JsonNode world = JSON.readTree(body);
        assertThat(world.get("last_file").asText()).isEqualTo("20260101000010.event-ingest.txt");
        assertThat(world.get("shops")).hasSize(new WorldSettings().getShops());
        // The same bytes as the generator's world serialised on its own.
        final WorldSnapshot taken = generator.loop.onGeneratorThread(generator.world::snapshot)
                .get(10, TimeUnit.SECONDS);
        assertThat(world).isEqualTo(JSON.readTree(json(taken)));

        final Response unchanged = get("\"20260101000010\"");
        assertThat(unchanged.getStatus()).isEqualTo(304);
        assertThat(unchanged.getEntityTag()).isEqualTo(new EntityTag("20260101000010"));
        assertThat(unchanged.hasEntity()).isFalse();

        // A new file: the old tag no longer matches, the answer is the new world.
        generator.tickAt(Instant.parse("2026-01-01T00:00:20Z"));
        final Response changed = get("\"20260101000010\"");
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getEntityTag()).isEqualTo(new EntityTag("20260101000020"));
        assertThat(JSON.readTree(changed.readEntity(String.class)).get("last_file").asText())
                .isEqualTo("20260101000020.event-ingest.txt");
    }

    @Test
    void aPublishedFileWithTheGeneratorNotRunningIs503() {
        // The tick job ran (a file is published), but the loop that takes snapshots is not running.
        assertThat(generator.job.run(Instant.parse("2026-01-01T00:00:10Z"))).isTrue();

        final Response response = get(null);
        assertThat(response.getStatus()).isEqualTo(503);
        final JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("unavailable");
        assertThat(body.get("reason").asText()).contains("the generator is not running");
    }

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
            await().atMost(10, TimeUnit.SECONDS).until(() -> taken.get() == 1);
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

    private static String json(WorldSnapshot snapshot) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            snapshot.writeJson(json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String body(Response response) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        assertThat(response.getHeaderString("Content-Length")).isEqualTo(Integer.toString(out.size()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ifNoneMatchNamesTheTagStrongOrWeakAloneOrInAList() {
        final EntityTag tag = new EntityTag("20260101000010");
        assertThat(WorldResource.matches("\"20260101000010\"", tag)).isTrue();
        assertThat(WorldResource.matches("W/\"20260101000010\"", tag)).isTrue();
        assertThat(WorldResource.matches("\"20260101000000\", W/\"20260101000010\"", tag)).isTrue();
        assertThat(WorldResource.matches("*", tag)).isTrue();
        assertThat(WorldResource.matches("\"20260101000000\"", tag)).isFalse();
    }
}
