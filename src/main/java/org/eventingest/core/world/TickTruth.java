package org.eventingest.core.world;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventingest.core.EventType;

/**
 * The ground truth of one file: its lines by shard ({@code shop_id % shards_count}) and type, and
 * every anomaly in it with its line number. Written next to the world in the state directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    @JsonProperty("events_by_shard")
    private final Map<Integer, Map<String, Integer>> byShard = new TreeMap<>();
    @JsonProperty("anomalies")
    private final List<Anomaly> anomalies = new ArrayList<>();

    private final int shardsCount;

    TickTruth(String file, int shardsCount) {
        this.file = file;
        this.shardsCount = shardsCount;
    }

    void line(EventType type, long shopId) {
        lines++;
        if (type == null) {
            malformed++;
            return;
        }
        byShard.computeIfAbsent((int) (shopId % shardsCount), shard -> new TreeMap<>())
                .merge(type.label(), 1, Integer::sum);
    }

    void anomaly(Anomaly anomaly) {
        anomalies.add(anomaly);
    }

    public String file() {
        return file;
    }

    public List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    public Map<Integer, Map<String, Integer>> byShard() {
        return byShard;
    }

    public int lines() {
        return lines;
    }
}
