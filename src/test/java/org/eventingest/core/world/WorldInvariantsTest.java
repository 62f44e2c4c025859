package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays generated ticks with an independent checker, for many seeds, worlds and mixes: with
 * anomalies off every invariant holds and the end state is the service's expected state; with
 * anomalies on the checker finds exactly what the truth records list.
 */
class WorldInvariantsTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:10Z");

    @TempDir
    Path root;

    static Stream<Arguments> worlds() {
        final String[] worlds = {
                // tiny: the constraints bind all the time
                "[world]\nshops = 1\ngoods = 1\nusers = 1\nstarting_balance = 50.00\nprice_min = 1.00\n"
                        + "price_max = 20.00\nmax_open_orders = 3\n",
                "[world]\nshops = 3\ngoods = 2\nusers = 2\nstarting_balance = 200.00\nprice_min = 5.00\n"
                        + "price_max = 9.99\n",
                "[world]\nshops = 50\ngoods = 40\nusers = 500\nshop_distribution = \"zipf\"\nzipf_exponent = 1.3\n",
                "[world]\nshops = 10\ngoods = 10\nusers = 10\nstarting_balance = 0.00\n",
                "[world]\nshops = 4\ngoods = 3\nusers = 5\nprice_min = 2.50\nprice_max = 2.50\n",
                "",
                // one instance of a partitioned world: its own shops and users, global ids
                "[world]\nshops = 11\ngoods = 7\nusers = 40\nshop_distribution = \"zipf\"\npartition = 2\n"
                        + "partitions = 3\n",
        };
        final String[] mixes = {
                "",
                "[events.mix]\nrestock = 1\npurchase = 10\nprice_change = 1\nreturn = 10\nshop_status = 3\n",
                "[events.mix]\nrestock = 0\npurchase = 1\nprice_change = 0\nreturn = 0\nshop_status = 0\n",
                "[events.mix]\nrestock = 5\npurchase = 5\nprice_change = 0\nreturn = 0\nshop_status = 20\n",
        };
        final List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (String world : worlds) {
            for (String mix : mixes) {
                for (int i = 0; i < 4; i++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    cases.add(Arguments.of(world, mix, seed));
                }
            }
        }
        return cases.stream();
    }

    private static String toml(String world, String mix, String anomalies) {
        return "[events]\ngeneration_interval = 1\nevents_per_batch = 300\nmax_batch_size = 1000\n\n" + mix + "\n"
                + world + "\n[pipeline]\nshards_count = 3\n" + anomalies;
    }

    @ParameterizedTest(name = "[{index}] seed {2}")
    @MethodSource("worlds")
    void theStreamedSnapshotIsTheViewsJsonByteForByte(String world, String mix, long seed) throws Exception {
        final WorldRun.InMemory run = new WorldRun(root, toml(world, mix, ""), seed).inMemory(FIRST, 40);
        final ObjectMapper mapper = new ObjectMapper();
        final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (JsonGenerator json = mapper.getFactory().createGenerator(streamed)) {
            run.generator().snapshot().writeJson(json);
        }
        final WorldView view = run.generator().view();
        if (world.isEmpty() && mix.isEmpty()) {
            // the default world and mix: every part of the view has entries to compare
            assertThat(view.balances()).isNotEmpty();
            assertThat(view.shops()).anySatisfy(shop -> assertThat(shop.prices()).isNotEmpty());
            assertThat(view.shops()).anySatisfy(shop -> assertThat(shop.stock()).isNotEmpty());
        }
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(mapper.writeValueAsString(view));
    }

    @ParameterizedTest(name = "[{index}] seed {2}")
    @MethodSource("worlds")
    void everyInvariantHoldsAndTheEndStateIsTheExpectedState(String world, String mix, long seed) throws Exception {
        final WorldRun.InMemory run = new WorldRun(root, toml(world, mix, ""), seed).inMemory(FIRST, 40);
        final ReplayChecker checker = run.checker().finish();

        assertThat(checker.findings).isEmpty();
        assertThat(checker.events).isEqualTo(run.truths().values().stream().mapToInt(TickTruth::lines).sum());
        assertThat(run.truths().values()).allSatisfy(truth -> assertThat(truth.anomalies()).isEmpty());

        final WorldView view = run.generator().view();
        final Map<String, Integer> stock = new HashMap<>();
        final Map<String, Long> prices = new HashMap<>();
        final TreeSet<Long> closed = new TreeSet<>();
        for (WorldView.Shop shop : view.shops()) {
            shop.stock().forEach((good, count) -> stock.put(shop.shopId() + "/" + good, count));
            shop.prices().forEach((good, price) -> prices.put(shop.shopId() + "/" + good, cents(price)));
            if (!shop.open()) {
                closed.add(shop.shopId());
            }
        }
        final Map<String, Integer> checkerStock = new HashMap<>(checker.stock);
        checkerStock.values().removeIf(count -> count == 0);
        assertThat(stock).isEqualTo(checkerStock);
        assertThat(prices).isEqualTo(checker.price);
        assertThat(closed).isEqualTo(new TreeSet<>(checker.closed));
        final Map<Long, Long> balances = new HashMap<>();
        view.balances().forEach((user, balance) -> balances.put(user, cents(balance)));
        final Map<Long, Long> checkerBalances = new HashMap<>(checker.balance);
        final long start = checkerStart(world);
        checkerBalances.values().removeIf(value -> value == start);
        assertThat(balances).isEqualTo(checkerBalances);
    }

    @ParameterizedTest(name = "[{index}] seed {2}")
    @MethodSource("worlds")
    void theCheckerFindsExactlyTheAnomaliesThatTheTruthRecordsList(String world, String mix, long seed)
            throws Exception {
        final WorldRun.InMemory run = new WorldRun(root, toml(world, mix,
                "[anomalies]\nduplicate = 0.02\nout_of_order = 0.002\ninvalid = 0.02\nmalformed = 0.01\n"), seed)
                .inMemory(FIRST, 41);
        // The last file may end with a return whose purchase comes in the next file: leave it out.
        final String last = ((TreeMap<String, TickTruth>) run.truths()).lastKey();
        final List<String> found = run.checker().finish().findings.stream().filter(f -> !f.file().equals(last))
                .map(ReplayChecker.Finding::key).sorted().toList();
        final List<String> labelled = new ArrayList<>();
        final TreeSet<String> kinds = new TreeSet<>();
        run.truths().forEach((file, truth) -> {
            if (!file.equals(last)) {
                truth.anomalies().forEach(anomaly -> {
                    labelled.add(file + ":" + anomaly.line() + ":" + anomaly.kind());
                    kinds.add(anomaly.kind());
                });
            }
        });
        assertThat(found).isEqualTo(labelled.stream().sorted().toList());
        assertThat(kinds).contains("duplicate", "invalid", "malformed");
    }

    private static long cents(String money) {
        return new BigDecimal(money).movePointRight(2).longValueExact();
    }

    private static long checkerStart(String world) {
        final Matcher matcher = Pattern.compile("starting_balance = ([0-9.]+)").matcher(world);
        return matcher.find() ? cents(matcher.group(1)) : cents("100000.00");
    }
}
