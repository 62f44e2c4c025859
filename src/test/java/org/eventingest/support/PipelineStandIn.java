package org.eventingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback standing in for pipeline-apid: answers the two contract calls as
 * pipeline-apid does (rows per (filename, shard)) and records every request it receives.
 */
public final class PipelineStandIn implements AutoCloseable {

    /** One received request. */
    public record Request(String method, String path, JsonNode body) {
        public String filename() {
            return body == null ? null : body.path("filename").asText(null);
        }
    }

    public static final String BASE_PATH = "/api/v1/pipeline";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> rows = new HashMap<>();

    public PipelineStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        final byte[] raw = exchange.getRequestBody().readAllBytes();
        final JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        final String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, body));
        final Map<String, Object> answer = new HashMap<>();
        int status = 200;
        synchronized (rows) {
            if (path.equals(BASE_PATH + "/files/register")) {
                final String filename = body.get("filename").asText();
                final boolean created = !rows.containsKey(filename);
                rows.put(filename, body.get("shards").size());
                answer.put("filename", filename);
                answer.put("shards", body.get("shards"));
                answer.put("created", created);
            } else if (path.equals(BASE_PATH + "/stages/event-ingest/done")) {
                final String filename = body.get("filename").asText();
                answer.put("filename", filename);
                answer.put("updated_rows", rows.getOrDefault(filename, 0));
            } else {
                status = 404;
                answer.put("error", "not found");
            }
        }
        final byte[] out = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
