package org.eventingest.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** The two calls of the contract to pipeline-apid; both are safe to repeat. */
public final class PipelineClient {

    /** {@code {"filename":..,"shards":[..],"created":true|false}} */
    public record Registered(String filename, boolean created) {
    }

    /** {@code {"filename":..,"updated_rows":N}}; 0 rows means pipeline-apid never saw the register. */
    public record Done(String filename, long updatedRows) {
    }

    /** The largest answer body read; the contract's answers are a few dozen bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** Cancels calls that run past their deadline (one daemon thread for every client). */
    private static final ScheduledExecutorService DEADLINES =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "pipeline-call-deadline");
                thread.setDaemon(true);
                return thread;
            });

    private final Supplier<CloseableHttpClient> http;
    private final URI base;
    private final ObjectMapper mapper;
    private final List<Integer> shards;
    private final Duration callTimeout;
    private volatile HttpPost inFlight;

    /**
     * @param callTimeout bounds each call as a whole, from connecting to the answer's last byte
     *                    ({@code pipeline.timeout}): a peer that drips its answer is cut off at it
     */
    public PipelineClient(Supplier<CloseableHttpClient> http, URI base, ObjectMapper mapper, int shardsCount,
                          Duration callTimeout) {
        this.http = http;
        this.base = base;
        this.mapper = mapper;
        this.shards = IntStream.range(0, shardsCount).boxed().toList();
        this.callTimeout = callTimeout;
    }

    /** An answer body past {@link #MAX_BODY_BYTES}: not read further. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param declared the Content-Length, or -1 when the answer did not say */
        TooLarge(long declared) {
            super("an answer body of " + (declared >= 0 ? declared + " bytes (Content-Length), " : "")
                    + "more than the " + MAX_BODY_BYTES + " read");
        }
    }

    /** Aborts the call in progress, if any (on shutdown): it fails as having had no answer. */
    public void abortInFlight() {
        final HttpPost request = inFlight;
        if (request != null) {
            request.cancel();
        }
    }

    /** {@code POST {url}/files/register} for every shard. */
    public Registered register(String filename) throws PipelineException {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("shards", shards);
        final JsonNode answer = post("/files/register", body);
        requireField(answer, "created", "/files/register");
        return new Registered(filename, answer.get("created").asBoolean());
    }

    /** {@code POST {url}/stages/event-ingest/done}. */
    public Done done(String filename) throws PipelineException {
        final JsonNode answer = post("/stages/event-ingest/done", Map.of("filename", filename));
        requireField(answer, "updated_rows", "/stages/event-ingest/done");
        return new Done(filename, answer.get("updated_rows").asLong());
    }

    private JsonNode post(String path, Object body) throws PipelineException {
        final URI uri = URI.create(base + path);
        final HttpPost request = new HttpPost(uri);
        try {
            request.setEntity(new ByteArrayEntity(mapper.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        final Answer answer;
        inFlight = request;
        final AtomicBoolean late = new AtomicBoolean();
        final var deadline = DEADLINES.schedule(() -> {
            late.set(true);
            request.cancel();
        }, callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            answer = http.get().execute(request,
                    response -> new Answer(response.getCode(), read(request, response.getEntity())));
        } catch (TooLarge e) {
            throw PipelineException.badBody("POST " + uri + " answered with " + e.getMessage() + " (not read)", 200, e);
        } catch (IOException e) {
            if (late.get()) {
                throw PipelineException.noAnswer("POST " + uri + " did not finish within " + callTimeout.toSeconds()
                        + " s (pipeline.timeout)", e);
            }
            throw PipelineException.noAnswer("POST " + uri + " failed: " + e, e);
        } finally {
            deadline.cancel(false);
            inFlight = null;
        }
        if (answer.status() / 100 != 2) {
            throw PipelineException.status("POST " + uri + " answered " + answer.status() + ": "
                    + abbreviate(answer.body()), answer.status());
        }
        try {
            final JsonNode node = mapper.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw PipelineException.badBody("POST " + uri + " answered " + answer.status()
                        + " without a JSON object: " + abbreviate(answer.body()), answer.status(), null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw PipelineException.badBody("POST " + uri + " answered " + answer.status() + " with invalid JSON: "
                    + abbreviate(answer.body()), answer.status(), e);
        }
    }

    /**
     * The body, read up to {@link #MAX_BODY_BYTES}. A longer one aborts the exchange before its
     * stream is closed (closing it would read the rest to reuse the connection).
     */
    private static String read(HttpPost request, HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        final InputStream in = entity.getContent();
        final byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            request.cancel();
            throw new TooLarge(entity.getContentLength());
        }
        in.close();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void requireField(JsonNode answer, String field, String path) throws PipelineException {
        if (!answer.hasNonNull(field)) {
            throw PipelineException.badBody(
                    path + " answered without '" + field + "': " + abbreviate(answer.toString()), 200, null);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private record Answer(int status, String body) {
    }
}
