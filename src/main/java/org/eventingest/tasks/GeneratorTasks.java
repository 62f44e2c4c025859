package org.eventingest.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eventingest.config.RateLimits;
import org.eventingest.files.EventFileNames;
import org.eventingest.tick.BatchSize;
import org.eventingest.tick.Rate;
import org.eventingest.tick.TickLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator's admin tasks ({@code POST /tasks/<name>} on the admin port), each answering JSON
 * and logging what it did: {@code pause}, {@code resume}, {@code tick-now} and {@code set-rate}.
 */
public final class GeneratorTasks {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorTasks.class);

    private GeneratorTasks() {
    }

    /**
     * @param limits  the configuration's rules, which {@code set-rate} checks against
     * @param tickNow how long {@code tick-now} waits for its tick: as long as a stop waits for one
     */
    public static List<Task> all(TickLoop generator, RateLimits limits, Duration tickNow, ObjectMapper json) {
        return List.of(
                new JsonTask("pause", json, parameters -> {
                    generator.pause();
                    LOG.info("admin task: generator paused");
                    return state(generator);
                }),
                new JsonTask("resume", json, parameters -> {
                    generator.resume();
                    LOG.info("admin task: generator resumed");
                    return state(generator);
                }),
                new JsonTask("tick-now", json, parameters -> {
                    final Optional<Instant> tick = generator.tickNow().get(tickNow.toMillis(), TimeUnit.MILLISECONDS);
                    final Map<String, Object> answer = new LinkedHashMap<>();
                    if (tick.isPresent()) {
                        LOG.info("admin task: tick {} run at once", tick.get());
                        answer.put("status", "published");
                        answer.put("file", EventFileNames.published(EventFileNames.prefix(tick.get())));
                    } else {
                        LOG.warn("admin task: tick-now published nothing (its second is not after the newest file, "
                                + "or it failed)");
                        TaskStatusFilter.refuse(409);
                        answer.put("status", "refused");
                        answer.put("reason", "no file was published: the current second is not after the newest file"
                                + " (nothing was overwritten) or the write failed; see the log and stats");
                    }
                    return answer;
                }),
                new JsonTask("set-rate", json, parameters -> setRate(generator, limits, parameters)));
    }

    private static Map<String, Object> setRate(TickLoop generator, RateLimits limits,
                                               Map<String, List<String>> parameters) {
        final Integer eventsPerBatch = integer(parameters, "events_per_batch");
        final Integer interval = integer(parameters, "generation_interval");
        final List<String> batchValues = parameters.get("batch");
        final String batch = batchValues == null || batchValues.isEmpty() ? null : batchValues.get(0).trim();
        if (eventsPerBatch == null && interval == null && batch == null) {
            throw new IllegalArgumentException("give events_per_batch, generation_interval and/or batch");
        }
        if (batch != null && !batch.equals("uniform") && !batch.equals("exact")) {
            throw new IllegalArgumentException("events.batch must be one of [uniform, exact] (got '" + batch + "')");
        }
        final Rate current = generator.rate();
        final List<String> problems = new ArrayList<>(limits.check(eventsPerBatch, interval));
        if (eventsPerBatch != null && eventsPerBatch > current.maxBatchSize()) {
            problems.add("events.events_per_batch " + eventsPerBatch + " is above events.max_batch_size "
                    + current.maxBatchSize() + " (a tick's hard guard, set in the configuration file)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        final Duration newInterval = interval == null ? null : Duration.ofSeconds(interval);
        final BatchSize newBatch = batch == null ? null : BatchSize.named(batch);
        final Rate next = generator.updateRate(rate -> rate.with(eventsPerBatch, newInterval, newBatch));
        LOG.info("admin task: rate set to events_per_batch={} generation_interval={}s batch={}", next.eventsPerBatch(),
                next.interval().toSeconds(), next.batchName());
        return state(generator);
    }

    private static Integer integer(Map<String, List<String>> parameters, String name) {
        final List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(values.get(0).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("events." + name + " must be an integer (got '" + values.get(0) + "')");
        }
    }

    private static Map<String, Object> state(TickLoop generator) {
        final Rate rate = generator.rate();
        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("paused", generator.isPaused());
        state.put("events_per_batch", rate.eventsPerBatch());
        state.put("max_batch_size", rate.maxBatchSize());
        state.put("generation_interval", rate.interval().toSeconds());
        state.put("batch", rate.batchName());
        state.put("events_per_second", rate.eventsPerSecond());
        state.put("next_tick", generator.nextBoundary().map(Instant::toString).orElse(null));
        return state;
    }

    /**
     * A task that answers JSON: its result, or {@code {"status":"refused","reason":...}} with status 400 for bad input.
     */
    private static final class JsonTask extends Task {

        interface Action {
            Map<String, Object> run(Map<String, List<String>> parameters) throws Exception;
        }

        private final ObjectMapper json;
        private final Action action;

        JsonTask(String name, ObjectMapper json, Action action) {
            super(name, "application/json");
            this.json = json;
            this.action = action;
        }

        @Override
        public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
            try {
                output.println(json.writeValueAsString(action.run(parameters)));
            } catch (IllegalArgumentException e) {
                LOG.warn("admin task {} refused: {}", getName(), e.getMessage());
                TaskStatusFilter.refuse(400);
                output.println(json.writeValueAsString(Map.of("status", "refused", "reason", e.getMessage())));
            }
        }
    }
}
