package org.eventingest.core.world;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventingest.core.EventType;
import org.eventingest.core.Payload;

/**
 * The ground truth of one file: its lines by shard ({@code shop_id % shards_count}) and type, and
 * every anomaly in it with its line number. Written next to the world in the state directory, in
 * a fixed key order with a trailing newline, so that the same tick gives the same bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"file", "lines", "malformed", "events_by_shard", "anomalies"})
public final class TickTruth {

    /** One labelled anomaly. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Anomaly(@JsonProperty("line") int line,
                          @JsonProperty("kind") String kind,
                          @JsonProperty("reason") String reason,
                          @JsonProperty("event") Map<String, Object> event) {
    }

    @JsonProperty("file")
    private final String file;
    @JsonProperty("lines")
    private int lines;
    @JsonProperty("malformed")
    private int malformed;
    @JsonProperty("anomalies")
    private final List<Anomaly> anomalies = new ArrayList<>();

    /** Lines by shard and event type code: counted on the hot path, so plain arrays. */
    private final int[][] counts;

    TickTruth(String file, int shardsCount) {
        this.file = file;
        this.counts = new int[shardsCount][EventType.values().length];
    }

    void line(EventType type, long shopId) {
        lines++;
        if (type == null) {
            malformed++;
            return;
        }
        counts[(int) (shopId % counts.length)][type.code()]++;
    }

    /** Shards with lines, and their lines by type. */
    @JsonProperty("events_by_shard")
    public Map<Integer, Map<String, Integer>> byShard() {
        final Map<Integer, Map<String, Integer>> byShard = new TreeMap<>();
        for (int shard = 0; shard < counts.length; shard++) {
            for (EventType type : EventType.values()) {
                if (counts[shard][type.code()] > 0) {
                    byShard.computeIfAbsent(shard, key -> new TreeMap<>())
                            .put(type.label(), counts[shard][type.code()]);
                }
            }
        }
        return byShard;
    }

    void anomaly(Anomaly anomaly) {
        anomalies.add(anomaly);
    }

    /** The record as its file holds it: JSON and a newline. */
    byte[] toJson(ObjectMapper json) {
        try {
            final byte[] bytes = json.writeValueAsBytes(this);
            final byte[] line = Arrays.copyOf(bytes, bytes.length + 1);
            line[bytes.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String file() {
        return file;
    }

    public List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    public int lines() {
        return lines;
    }

    /** What a duplicate refers to: the file and line of its original. */
    static Map<String, Object> reference(String file, int line) {
        final Map<String, Object> original = new LinkedHashMap<>();
        original.put("file", file);
        original.put("line", line);
        return original;
    }

    /** What an anomaly's event is: its type, order id if any, and shop. */
    static Map<String, Object> describe(Payload payload) {
        final Map<String, Object> about = new LinkedHashMap<>();
        about.put("event_type", payload.type().code());
        if (payload instanceof Payload.Purchase purchase) {
            about.put("order_id", purchase.orderId());
        } else if (payload instanceof Payload.Return refund) {
            about.put("order_id", refund.orderId());
        }
        about.put("shop_id", payload.shopId());
        return about;
    }
}
