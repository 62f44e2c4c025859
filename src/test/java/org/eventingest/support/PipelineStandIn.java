package org.eventingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on loopback standing in for pipeline-apid: answers the two contract calls as
 * pipeline-apid does (rows per (filename, shard), idempotent) and records every request with the
 * time of a given clock. A test can make it misbehave ({@link #misbehave}), go down and come back
 * on the same port ({@link #down()}, {@link #up()}), or forget its rows ({@link #forgetRows()}).
 */
public final class PipelineStandIn implements AutoCloseable {

    /** One received request. */
    public record Request(String method, String path, JsonNode body, Instant at) {
        public String filename() {
            return body == null ? null : body.path("filename").asText(null);
        }

        public boolean isRegister() {
            return path.endsWith("/files/register");
        }

        public boolean isDone() {
            return path.endsWith("/stages/event-ingest/done");
        }
    }

    /** An answer that replaces the contract's; {@code delayMillis} before it is sent. */
    public record Reply(int status, String body, long delayMillis) {
        public static Reply status(int status) {
            return new Reply(status, "{\"error\":\"stand-in says " + status + "\"}", 0);
        }
    }

    public static final String BASE_PATH = "/api/v1/pipeline";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final int port;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> rows = new HashMap<>();
    private final List<String> acknowledgedDones = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<Request, Optional<Reply>> misbehaviour = request -> Optional.empty();
    private HttpServer server;

    public PipelineStandIn() throws IOException {
        this(Clock.systemUTC());
    }

    public PipelineStandIn(Clock clock) throws IOException {
        this.clock = clock;
        this.server = start(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer start(int onPort) throws IOException {
        final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        http.createContext("/", this::handle);
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
        return http;
    }

    public String url() {
        return "http://127.0.0.1:" + port + BASE_PATH;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The POSTs received (the health check's GETs left out). */
    public List<Request> calls() {
        return requests.stream().filter(request -> request.method().equals("POST")).toList();
    }

    /** The files whose done this stand-in answered with rows updated, in the order it did. */
    public List<String> acknowledgedDones() {
        return List.copyOf(acknowledgedDones);
    }

    /** Answers with the reply {@code rule} gives for a request, or as pipeline-apid when it gives none. */
    public void misbehave(Function<Request, Optional<Reply>> rule) {
        this.misbehaviour = rule;
    }

    public void behave() {
        this.misbehaviour = request -> Optional.empty();
    }

    /** Stops listening: connections are refused. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    /** pipeline-apid lost its table: a done now updates no rows until the file is registered again. */
    public void forgetRows() {
        synchronized (rows) {
            rows.clear();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        final byte[] raw = exchange.getRequestBody().readAllBytes();
        final JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        final Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
                clock.instant());
        requests.add(request);
        final Optional<Reply> override = misbehaviour.apply(request);
        if (override.isPresent()) {
            final Reply reply = override.get();
            if (reply.delayMillis() > 0) {
                try {
                    // A slow peer: holds the answer in real time, unless the test lets it go first.
                    released.await(reply.delayMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, reply.status(), reply.body());
            return;
        }
        final Map<String, Object> answer = new HashMap<>();
        int status = 200;
        synchronized (rows) {
            if (request.isRegister()) {
                final String filename = body.get("filename").asText();
                final boolean created = !rows.containsKey(filename);
                rows.put(filename, body.get("shards").size());
                answer.put("filename", filename);
                answer.put("shards", body.get("shards"));
                answer.put("created", created);
            } else if (request.isDone()) {
                final String filename = body.get("filename").asText();
                answer.put("filename", filename);
                answer.put("updated_rows", rows.getOrDefault(filename, 0));
                if (rows.containsKey(filename)) {
                    acknowledgedDones.add(filename);
                }
            } else {
                status = 404;
                answer.put("error", "not found");
            }
        }
        send(exchange, status, JSON.writeValueAsString(answer));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        final byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        released.countDown();
        down();
    }
}
