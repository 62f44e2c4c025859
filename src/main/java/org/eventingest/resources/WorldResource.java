package org.eventingest.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eventingest.api.Status;
import org.eventingest.core.EventFileName;
import org.eventingest.core.world.WorldSnapshot;

/**
 * {@code GET /api/v1/world}: the state downstream should have after loading every published file
 * (stock, prices shown so far, open shops, balances that changed).
 *
 * <p>A snapshot of the world's arrays is taken on the generator thread between ticks, so it never
 * shows a tick half generated, and written as JSON once per published file, by one request while
 * the others wait for it: every reader of that file's world gets the same bytes (gzipped by the
 * server when asked), with the file's prefix as {@code ETag}, and 304 when it has them already.
 * Memory is one serialised world and one snapshot of its arrays at most (plus the stale world
 * while readers are still sending it), whatever the number of readers.
 */
@Path("/api/v1/world")
@Produces(MediaType.APPLICATION_JSON)
public final class WorldResource {

    private static final long WAIT_SECONDS = 30;

    /** One published file's world, serialised. */
    private record Serialised(String prefix, Chunks json, EntityTag tag) {
    }

    private final Supplier<CompletionStage<WorldSnapshot>> snapshots;
    private final Supplier<Optional<String>> newest;
    private final ObjectMapper json;
    private volatile Serialised cached;
    private final AtomicReference<CompletableFuture<Serialised>> writing = new AtomicReference<>();

    /**
     * @param snapshots the world's snapshot, taken on the generator thread
     * @param newest    the prefix of the newest published file: the world is written again when it changes
     */
    public WorldResource(Supplier<CompletionStage<WorldSnapshot>> snapshots, Supplier<Optional<String>> newest,
                         ObjectMapper json) {
        this.snapshots = snapshots;
        this.newest = newest;
        this.json = json;
    }

    @GET
    public Response world(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws IOException {
        final Optional<String> now = newest.get();
        if (now.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new Status("empty", "no file has been published yet")).build();
        }
        final Serialised world;
        try {
            world = current(now.get());
        } catch (ExecutionException | TimeoutException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(new Status("unavailable", "the world could not be taken: " + e)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the world was written", e);
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, world.tag())) {
            return Response.notModified(world.tag()).build();
        }
        final StreamingOutput body = world.json()::writeTo;
        return Response.ok(body).tag(world.tag()).header(HttpHeaders.CONTENT_LENGTH, world.json().length()).build();
    }

    /**
     * The serialised world of {@code prefix}: the cached one, the one being written (it may be a
     * file older, and says so in its tag), or a new one written by this request.
     */
    private Serialised current(String prefix) throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            final Serialised world = cached;
            if (covers(world, prefix)) {
                return world;
            }
            final CompletableFuture<Serialised> other = writing.get();
            if (other != null) {
                return other.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            final CompletableFuture<Serialised> mine = new CompletableFuture<>();
            if (writing.compareAndSet(null, mine)) {
                final Serialised justWritten = cached;
                if (covers(justWritten, prefix)) {
                    // Another request wrote it between this one's look at the cache and its turn.
                    writing.set(null);
                    return justWritten;
                }
                // The stale world goes as soon as the readers still sending it are done.
                cached = null;
                try {
                    final Serialised written = write(prefix);
                    cached = written;
                    mine.complete(written);
                } catch (Throwable e) {
                    // Every waiter learns of it, an OutOfMemoryError included.
                    mine.completeExceptionally(e);
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    writing.set(null);
                }
                return mine.get();
            }
        }
    }

    /** Whether {@code world} includes the file {@code prefix} (prefixes sort as time). */
    private static boolean covers(Serialised world, String prefix) {
        return world != null && world.prefix().compareTo(prefix) >= 0;
    }

    /** Whether {@code If-None-Match} (a list of tags, weak or strong, or {@code *}) names {@code tag}. */
    static boolean matches(String ifNoneMatch, EntityTag tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            final String value = candidate.trim().replaceFirst("^W/", "").replace("\"", "");
            if (value.equals("*") || value.equals(tag.getValue())) {
                return true;
            }
        }
        return false;
    }

    private Serialised write(String prefix)
            throws ExecutionException, TimeoutException, InterruptedException, IOException {
        final WorldSnapshot snapshot = snapshots.get().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        // The snapshot names the file it includes; a tick published meanwhile is a newer tag, never a wrong one.
        final String file = snapshot.lastFile() == null
                ? prefix : EventFileName.parse(snapshot.lastFile()).orElseThrow().prefix();
        final Chunks bytes = new Chunks();
        try (JsonGenerator generator = json.getFactory().createGenerator(bytes)) {
            snapshot.writeJson(generator);
        }
        return new Serialised(file, bytes, new EntityTag(file));
    }
}
