package org.eventingest.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eventingest.api.Status;

/** Liveness and readiness for orchestrators, on the application port. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    /** The answer of both endpoints. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private final BooleanSupplier generatorAlive;
    private final Supplier<Optional<String>> storage;
    private final Supplier<Optional<String>> senderProblem;

    /**
     * @param storage       why the next tick could not be written or committed now (the events or the
     *                      state directory unwritable or too full, a state write being retried), if so
     * @param senderProblem why the pipeline sender is not running now, if it is not
     */
    public HealthResource(BooleanSupplier generatorAlive, Supplier<Optional<String>> storage,
                          Supplier<Optional<String>> senderProblem) {
        this.generatorAlive = generatorAlive;
        this.storage = storage;
        this.senderProblem = senderProblem;
    }

    /** 200 while the generator thread and the pipeline sender run. */
    @GET
    @Path("health")
    public Response health() {
        if (!generatorAlive.getAsBoolean()) {
            return unavailable("the generator thread is not running");
        }
        final Optional<String> sender = senderProblem.get();
        if (sender.isPresent()) {
            return unavailable(sender.get());
        }
        return Response.ok(new Status("alive", null)).build();
    }

    /**
     * 200 once the schedule runs and the next tick can be written and committed (both directories
     * writable, room for the largest tick, no state write failing); 503 with the reason otherwise.
     */
    @GET
    @Path("ready")
    public Response ready() {
        if (!generatorAlive.getAsBoolean()) {
            return unavailable("the generator thread is not running");
        }
        final Optional<String> problem = storage.get();
        return problem.map(HealthResource::unavailable)
                .orElseGet(() -> Response.ok(new Status("ready", null)).build());
    }

    private static Response unavailable(String reason) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(new Status("unavailable", reason)).build();
    }
}
