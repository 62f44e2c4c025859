package org.eventingest.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eventingest.core.world.WorldStore;

/**
 * {@code GET /api/v1/world}: the state downstream should have after loading every published file
 * (stock, prices shown so far, open shops, balances that changed), read from the world saved after
 * the last published file, so it never shows a tick half generated.
 */
@Path("/api/v1/world")
@Produces(MediaType.APPLICATION_JSON)
public final class WorldResource {

    private final WorldStore store;

    public WorldResource(WorldStore store) {
        this.store = store;
    }

    @GET
    public Response world() {
        return store.load().<Response>map(world -> Response.ok(world.view()).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(new HealthResource.Status("empty", "no file has been published yet")).build());
    }
}
