package org.eventingest.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
 * on the generator thread between ticks, so it never shows a tick half generated, and kept until
 * the next file is published.
 */
@Path("/api/v1/world")
@Produces(MediaType.APPLICATION_JSON)
public final class WorldResource {

    private static final long WAIT_SECONDS = 30;

    private final Supplier<CompletionStage<WorldView>> views;
    private final Supplier<Optional<String>> newest;
    private volatile WorldView cached;
    private volatile Optional<String> cachedNewest = Optional.empty();

    /**
     * @param views  the view of the world, taken on the generator thread
     * @param newest the prefix of the newest published file: the view is taken again when it changes
     */
    public WorldResource(Supplier<CompletionStage<WorldView>> views, Supplier<Optional<String>> newest) {
        this.views = views;
        this.newest = newest;
    }

    @GET
    public Response world() throws Exception {
        final Optional<String> now = newest.get();
        if (now.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new HealthResource.Status("empty", "no file has been published yet")).build();
        }
        WorldView view = cached;
        if (view == null || !now.equals(cachedNewest)) {
            try {
                view = views.get().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(new HealthResource.Status("unavailable", "the generator did not answer: " + e)).build();
            }
            cached = view;
            cachedNewest = now;
        }
        return Response.ok(view).build();
    }
}
