package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.api.Assertions;
import org.eventingest.config.AnomalySettings;
import org.eventingest.config.WorldSettings;
import org.eventingest.core.world.WorldEventGenerator;
import org.eventingest.support.Worlds;
import org.junit.jupiter.api.Test;

/** The encoder's bytes against a Jackson {@link JsonGenerator} writing the same fields in the same order. */
class LineEncoderTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void everyLineOfAWorldWithAnomaliesIsWhatJacksonWrites() throws IOException {
        final AnomalySettings anomalies = new ObjectMapper().convertValue(Map.of("duplicate", 0.05, "invalid", 0.05,
                "malformed", 0.05, "out_of_order", 0.001), AnomalySettings.class);
        final WorldEventGenerator world = Worlds.inMemory(new WorldSettings(),
                new int[] {30, 40, 10, 10, 10}, anomalies, 2, Clock.systemUTC(), 7);
        final List<Event> events = new ArrayList<>();
        Instant boundary = Instant.parse("2026-03-01T10:00:00Z");
        for (int tick = 0; tick < 5; tick++) {
            final Iterator<Event> lines = world.events(new Tick(boundary, Duration.ofSeconds(1), 20_000,
                    new SplittableRandom(tick)));
            lines.forEachRemaining(events::add);
            boundary = boundary.plusSeconds(1);
        }
        assertThat(events).extracting(Event::type).contains(EventType.values());
        assertThat(events).anyMatch(Event::isRaw);

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LineEncoder encoder = new LineEncoder(bytes, 4096); // a small buffer: drained many times
        final StringBuilder expected = new StringBuilder();
        for (Event event : events) {
            encoder.write(event);
            expected.append(jackson(event)).append('\n');
        }
        encoder.drain();
        assertThat(encoder.size()).isEqualTo(bytes.size());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void numbersAmountsAndStringsAtTheirEdges() throws IOException {
        final Instant at = Instant.parse("2026-01-01T00:00:00.5Z");
        final List<Event> events = List.of(
                Event.of(new Payload.Purchase(Long.MAX_VALUE, 1, 9, 10, 1, Money.ofCents(0)), at, at),
                Event.of(new Payload.Purchase(0, 99, 100, 999, 1_000_000_000, Money.ofCents(5)), at, at),
                Event.of(new Payload.Return(1, 2, 3, 4, 5, Money.ofCents(10)), at, at.plusMillis(1)),
                Event.of(new Payload.PriceChange(1, 2, Money.ofCents(99), Money.ofCents(100)), at, at),
                Event.of(new Payload.PriceChange(1, 2, Money.ofCents(Long.MAX_VALUE), Money.ofCents(123_456_789)),
                        at, at),
                Event.of(new Payload.Restock(1, 2, -2_147_483_648, "quote \" backslash \\ tab \t é ✓ \u0001",
                        Payload.RestockKind.LOSS), at, at),
                Event.of(new Payload.Restock(1, 2, Integer.MAX_VALUE, "", Payload.RestockKind.RESTOCK), at, at),
                Event.of(new Payload.ShopStatus(7, false), at, at),
                Event.of(new Payload.ShopStatus(7, true), at, at));
        for (Event event : events) {
            assertThat(EventLines.toLine(event)).isEqualTo(jackson(event));
        }
    }

    @Test
    void aStringTooLongForALineIsRefusedInsteadOfOverrunningTheBuffer() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LineEncoder encoder = new LineEncoder(bytes, 0);
        final Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Assertions.assertThatThrownBy(() -> encoder.write(Event.of(new Payload.Restock(1, 2, 3,
                        "x".repeat(600), Payload.RestockKind.RESTOCK), at, at)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("602 bytes");
        // (the tick that meets it fails and its temporary file is removed: no partial line is published)
    }

    @Test
    void aRawLineLongerThanTheBufferIsWrittenWholeAndInOrder() throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final LineEncoder encoder = new LineEncoder(bytes, 0); // the smallest buffer it allows
        final Instant at = Instant.parse("2026-01-01T00:00:00Z");
        final Event before = Event.of(new Payload.ShopStatus(1, true), at, at);
        final String longLine = "x".repeat(10_000) + "é";
        encoder.write(before);
        encoder.write(Event.raw(longLine, 0));
        encoder.write(before);
        encoder.drain();
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(jackson(before) + "\n" + longLine + "\n" + jackson(before) + "\n");
        assertThat(encoder.size()).isEqualTo(bytes.size());
    }

    @Test
    void nothingReachesTheStreamUntilTheBufferFillsOrIsDrained() throws IOException {
        final List<Integer> writes = new ArrayList<>();
        final OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
            }
        };
        final LineEncoder encoder = new LineEncoder(counting, 64 * 1024);
        final Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 100; i++) {
            encoder.write(Event.of(new Payload.ShopStatus(i, true), at, at));
        }
        assertThat(writes).isEmpty();
        encoder.drain();
        assertThat(writes).hasSize(1);
        assertThat((long) writes.get(0)).isEqualTo(encoder.size());
    }

    /** The reference: the same line through Jackson's generator, field by field. */
    private static String jackson(Event event) throws IOException {
        if (event.isRaw()) {
            return event.raw();
        }
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("event_type", event.type().code());
            json.writeObjectFieldStart("payload");
            final Payload payload = event.payload();
            if (payload instanceof Payload.Restock r) {
                json.writeNumberField("shop_id", r.shopId());
                json.writeNumberField("good_id", r.goodId());
                json.writeNumberField("delta_count", r.deltaCount());
                json.writeStringField("reason", r.reason());
                json.writeStringField("sub_event_type", r.kind().wireName());
            } else if (payload instanceof Payload.Purchase p) {
                order(json, p.orderId(), p.userId(), p.shopId(), p.goodId(), p.qty());
                amount(json, "price_at_order", p.priceAtOrder());
            } else if (payload instanceof Payload.PriceChange c) {
                json.writeNumberField("shop_id", c.shopId());
                json.writeNumberField("good_id", c.goodId());
                amount(json, "new_price", c.newPrice());
                amount(json, "old_price", c.oldPrice());
            } else if (payload instanceof Payload.Return r) {
                order(json, r.orderId(), r.userId(), r.shopId(), r.goodId(), r.qty());
                amount(json, "refund_amount", r.refundAmount());
            } else if (payload instanceof Payload.ShopStatus s) {
                json.writeNumberField("shop_id", s.shopId());
                json.writeBooleanField("active", s.active());
            }
            json.writeEndObject();
            json.writeStringField("saved_at", TimestampFormat.FORMATTER.format(event.savedAt()));
            json.writeStringField("timestamp", TimestampFormat.FORMATTER.format(event.timestamp()));
            json.writeEndObject();
        }
        return text.toString();
    }

    private static void amount(JsonGenerator json, String name, Money money) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(BigDecimal.valueOf(money.cents(), 2));
    }

    private static void order(JsonGenerator json, long orderId, long userId, long shopId, long goodId, int qty)
            throws IOException {
        json.writeNumberField("order_id", orderId);
        json.writeNumberField("user_id", userId);
        json.writeNumberField("shop_id", shopId);
        json.writeNumberField("good_id", goodId);
        json.writeNumberField("qty", qty);
    }
}
