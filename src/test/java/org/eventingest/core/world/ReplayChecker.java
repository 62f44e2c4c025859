package org.eventingest.core.world;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An independent checker of the world's invariants: replays every event file in name order from
 * an empty world (no stock, every shop open, every user at the starting balance; a price is learnt
 * the first time an event shows it) and reports every line that is a duplicate, malformed, invalid
 * or out of order. It shares no code with the generator. It assumes nothing of the ids but that they
 * are positive, so it replays the union of a partitioned world's instances as well ({@link #replay(Map)}).
 */
final class ReplayChecker {

    /** A line the checker could not take as a valid, in-order, first-seen event. */
    record Finding(String file, int line, String kind, String why) {
        String key() {
            return file + ":" + line + ":" + kind;
        }
    }

    private record Order(long user, long shop, long good, long price, int[] left) {
    }

    private record Held(String file, int line, JsonNode payload) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Pattern NAME = Pattern.compile("^\\d{14}\\.event-ingest\\.txt$");
    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}$");

    private final long startingBalance;
    final Map<String, Integer> stock = new TreeMap<>();
    final Map<String, Long> price = new HashMap<>();
    final Set<Long> closed = new HashSet<>();
    final Map<Long, Long> balance = new HashMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private final Map<Long, List<Held>> heldReturns = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    final List<Finding> findings = new ArrayList<>();
    int events;

    private boolean duplicatesExpected = true;

    ReplayChecker(long startingBalanceCents) {
        this.startingBalance = startingBalanceCents;
    }

    /**
     * For files written without the duplicate anomaly: a line byte-identical to an earlier one is
     * then an event like any other (at high rates two legitimate lines can be the same bytes: the
     * same restock twice in one millisecond), replayed and checked as such; a repeated purchase
     * still shows as a reused order id.
     */
    ReplayChecker withoutDuplicates() {
        duplicatesExpected = false;
        return this;
    }

    /** Replays every event file of {@code eventsDir} in name order. */
    ReplayChecker replay(Path eventsDir) throws IOException {
        final List<Path> files;
        try (Stream<Path> list = Files.list(eventsDir)) {
            files = list.filter(path -> NAME.matcher(path.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            file(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        return finish();
    }

    /**
     * Replays the files of several events directories, by label, as one stream in name order (files of one name
     * in the map's order), each named {@code <label>/<file>} in findings: the instances of a partitioned world,
     * whose union is one world.
     */
    ReplayChecker replay(Map<String, Path> eventsDirs) throws IOException {
        final TreeMap<String, Map<String, Path>> byName = new TreeMap<>();
        for (Map.Entry<String, Path> dir : eventsDirs.entrySet()) {
            try (Stream<Path> list = Files.list(dir.getValue())) {
                list.filter(path -> NAME.matcher(path.getFileName().toString()).matches()).forEach(path ->
                        byName.computeIfAbsent(path.getFileName().toString(), name -> new LinkedHashMap<>())
                                .put(dir.getKey(), path));
            }
        }
        for (Map.Entry<String, Map<String, Path>> name : byName.entrySet()) {
            for (String label : eventsDirs.keySet()) {
                final Path file = name.getValue().get(label);
                if (file != null) {
                    file(label + "/" + name.getKey(), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return finish();
    }

    /** Replays one file's content; files must come in name order. */
    ReplayChecker file(String name, String content) {
        if (!content.endsWith("\n") || content.contains("\n\n")) {
            throw new AssertionError(name + " is not newline-terminated lines");
        }
        final String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            line(name, i + 1, lines[i]);
        }
        return this;
    }

    /** Asserts that {@code view} (the service's world) is the world this replay arrived at. */
    void assertMatches(WorldView view) {
        final Map<String, Integer> stockSeen = new TreeMap<>();
        final Map<String, Long> pricesSeen = new HashMap<>();
        final Set<Long> closedSeen = new HashSet<>();
        for (WorldView.Shop shop : view.shops()) {
            shop.stock().forEach((good, count) -> stockSeen.put(shop.shopId() + "/" + good, count));
            shop.prices().forEach((good, text) -> pricesSeen.put(shop.shopId() + "/" + good,
                    new BigDecimal(text).movePointRight(2).longValueExact()));
            if (!shop.open()) {
                closedSeen.add(shop.shopId());
            }
        }
        final Map<String, Integer> stockReplayed = new TreeMap<>(stock);
        stockReplayed.values().removeIf(count -> count == 0);
        final Map<Long, Long> balancesSeen = new HashMap<>();
        view.balances().forEach((user, text) ->
                balancesSeen.put(user, new BigDecimal(text).movePointRight(2).longValueExact()));
        final Map<Long, Long> balancesReplayed = new HashMap<>(balance);
        balancesReplayed.values().removeIf(value -> value == startingBalance);
        if (!stockSeen.equals(stockReplayed) || !pricesSeen.equals(price) || !closedSeen.equals(closed)
                || !balancesSeen.equals(balancesReplayed)) {
            throw new AssertionError("the world is not the replay of the files: stock " + stockSeen + " vs "
                    + stockReplayed + ", closed " + closedSeen + " vs " + closed + ", balances " + balancesSeen
                    + " vs " + balancesReplayed + ", prices equal " + pricesSeen.equals(price));
        }
    }

    /** Returns never matched by a purchase are invalid. */
    ReplayChecker finish() {
        heldReturns.forEach((order, held) -> held.forEach(h ->
                findings.add(new Finding(h.file(), h.line(), "invalid", "return of an order never bought"))));
        heldReturns.clear();
        return this;
    }

    private void line(String file, int line, String text) {
        if (duplicatesExpected && !seen.add(text)) {
            findings.add(new Finding(file, line, "duplicate", "seen before"));
            return;
        }
        final JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException e) {
            findings.add(new Finding(file, line, "malformed", e.getMessage()));
            return;
        }
        events++;
        if (!TIME.matcher(event.path("saved_at").asText()).matches()
                || !TIME.matcher(event.path("timestamp").asText()).matches()) {
            throw new AssertionError(file + ":" + line + " timestamps " + text);
        }
        final JsonNode p = event.get("payload");
        final String why = switch (event.get("event_type").asInt()) {
            case 0 -> restock(p);
            case 1 -> purchase(file, line, p);
            case 2 -> priceChange(p);
            case 3 -> returned(file, line, p);
            case 4 -> shopStatus(p);
            default -> "unknown event_type";
        };
        if (why != null) {
            findings.add(new Finding(file, line, "invalid", why));
        }
    }

    private static String cell(JsonNode p) {
        return p.get("shop_id").asLong() + "/" + p.get("good_id").asLong();
    }

    private static long cents(JsonNode money) {
        final BigDecimal value = money.decimalValue();
        if (value.scale() != 2) {
            throw new AssertionError("money without two decimals: " + money);
        }
        return value.movePointRight(2).longValueExact();
    }

    private String restock(JsonNode p) {
        final int delta = p.get("delta_count").asInt();
        final String sub = p.get("sub_event_type").asText();
        if (delta == 0 || (delta > 0) != sub.equals("restock") || !Set.of("restock", "defect", "loss").contains(sub)) {
            return "sub_event_type does not match delta_count";
        }
        final int now = stock.getOrDefault(cell(p), 0);
        if (now + delta < 0) {
            return "write-off beyond stock";
        }
        stock.put(cell(p), now + delta);
        return null;
    }

    private String purchase(String file, int line, JsonNode p) {
        final long orderId = p.get("order_id").asLong();
        final long user = p.get("user_id").asLong();
        final int qty = p.get("qty").asInt();
        final long unit = cents(p.get("price_at_order"));
        if (orderId <= 0 || orders.containsKey(orderId) || qty <= 0 || unit <= 0) {
            return "order id reused, or quantity or price not positive";
        }
        if (closed.contains(p.get("shop_id").asLong())) {
            return "purchase at a closed shop";
        }
        final int now = stock.getOrDefault(cell(p), 0);
        if (now < qty) {
            return "purchase beyond stock";
        }
        final Long current = price.get(cell(p));
        if (current != null && current != unit) {
            return "price_at_order is not the current price";
        }
        final long have = balance.getOrDefault(user, startingBalance);
        if (have < qty * unit) {
            return "purchase over the balance";
        }
        price.put(cell(p), unit);
        stock.put(cell(p), now - qty);
        balance.put(user, have - qty * unit);
        orders.put(orderId, new Order(user, p.get("shop_id").asLong(), p.get("good_id").asLong(), unit,
                new int[] {qty}));
        final List<Held> held = heldReturns.remove(orderId);
        if (held != null) {
            for (Held h : held) {
                final String why = applyReturn(h.payload());
                findings.add(new Finding(h.file(), h.line(), why == null ? "out_of_order" : "invalid",
                        why == null ? "return before its purchase" : why));
            }
        }
        return null;
    }

    private String priceChange(JsonNode p) {
        final long next = cents(p.get("new_price"));
        final long old = cents(p.get("old_price"));
        if (next <= 0 || next == old) {
            return "new price not positive or not a change";
        }
        final Long current = price.get(cell(p));
        if (current != null && current != old) {
            return "old_price is not the current price";
        }
        price.put(cell(p), next);
        return null;
    }

    private String returned(String file, int line, JsonNode p) {
        final long orderId = p.get("order_id").asLong();
        if (!orders.containsKey(orderId)) {
            heldReturns.computeIfAbsent(orderId, id -> new ArrayList<>()).add(new Held(file, line, p));
            return null;
        }
        return applyReturn(p);
    }

    private String applyReturn(JsonNode p) {
        final Order order = orders.get(p.get("order_id").asLong());
        final int qty = p.get("qty").asInt();
        if (order.user() != p.get("user_id").asLong() || order.shop() != p.get("shop_id").asLong()
                || order.good() != p.get("good_id").asLong()) {
            return "return does not match its order";
        }
        if (qty <= 0 || qty > order.left()[0]) {
            return "return of more than is left of the order";
        }
        if (cents(p.get("refund_amount")) != qty * order.price()) {
            return "refund is not qty × price_at_order";
        }
        order.left()[0] -= qty;
        stock.merge(cell(p), qty, Integer::sum);
        balance.put(order.user(), balance.getOrDefault(order.user(), startingBalance) + qty * order.price());
        return null;
    }

    private String shopStatus(JsonNode p) {
        final long shop = p.get("shop_id").asLong();
        final boolean active = p.get("active").asBoolean();
        if (active != closed.contains(shop)) {
            return "shop status does not flip the shop";
        }
        if (active) {
            closed.remove(shop);
        } else {
            closed.add(shop);
        }
        return null;
    }
}
