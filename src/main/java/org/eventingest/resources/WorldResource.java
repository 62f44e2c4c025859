package org.eventingest.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eventingest.core.world.WorldView;

/**
 * {@code GET /api/v1/world}: the state downstream should have after loading every published file
 * (stock, prices shown so far, open shops, balances that changed). Taken from the world in memory
 * on the generator thread between ticks, so it never shows a tick half generated, and serialised
 * once per published file: every reader of that file's world gets the same bytes (gzipped by the
 * server when asked), with the file's name as {@code ETag}, and 304 when it has them already.
 */
@Path("/api/v1/world")
@Produces(MediaType.APPLICATION_JSON)
public final class WorldResource {

    private static final long WAIT_SECONDS = 30;

    /** One published file's world, serialised. */
    private record Serialised(String newest, byte[] json, EntityTag tag) {
    }

    private final Supplier<CompletionStage<WorldView>> views;
    private final Supplier<Optional<String>> newest;
    private final ObjectMapper json;
    private volatile Serialised cached;

    /**
     * @param views  the view of the world, taken on the generator thread
     * @param newest the prefix of the newest published file: the view is taken again when it changes
     */
    public WorldResource(Supplier<CompletionStage<WorldView>> views, Supplier<Optional<String>> newest, ObjectMapper json) {
        this.views = views;
        this.newest = newest;
        this.json = json;
    }

    @GET
    public Response world(@HeaderParam("If-None-Match") String ifNoneMatch) throws Exception {
        final Optional<String> now = newest.get();
        if (now.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new HealthResource.Status("empty", "no file has been published yet")).build();
        }
        Serialised world = cached;
        if (world == null || !world.newest().equals(now.get())) {
            final WorldView view;
            try {
                view = views.get().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(new HealthResource.Status("unavailable", "the generator did not answer: " + e)).build();
            }
            // The view names the file it includes; a tick published meanwhile is a newer tag, never a wrong one.
            final String file = view.lastFile() == null ? now.get() : org.eventingest.core.EventFileName.parse(view.lastFile()).orElseThrow().prefix();
            world = new Serialised(file, json.writeValueAsBytes(view), new EntityTag(file));
            cached = world;
        }
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").trim().equals(world.tag().getValue())) {
            return Response.notModified(world.tag()).build();
        }
        return Response.ok(world.json()).tag(world.tag()).build();
    }
}
