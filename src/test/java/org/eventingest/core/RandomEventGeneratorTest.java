package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomEventGeneratorTest {

    private static final Instant BOUNDARY = Instant.parse("2025-10-15T17:41:40Z");
    private final RandomEventGenerator generator = new RandomEventGenerator(100, 1000, 10_000);

    private List<Event> tick(long seed, int size) {
        final List<Event> events = new ArrayList<>();
        generator.events(new Tick(BOUNDARY, Duration.ofSeconds(10), size, new TickRandom(seed).forBoundary(BOUNDARY)))
                .forEachRemaining(events::add);
        return events;
    }

    @Test
    void everyEventIsValidOnItsOwn() {
        final List<Event> events = tick(7, 20_000);
        assertThat(events).hasSize(20_000);
        final Set<EventType> types = EnumSet.noneOf(EventType.class);
        final Set<Long> orderIds = new HashSet<>();
        for (Event event : events) {
            types.add(event.type());
            assertThat(event.payload().shopId()).isBetween(1L, 100L);
            assertThat(event.timestamp()).isBetween(BOUNDARY.minusSeconds(10), BOUNDARY);
            if (event.payload() instanceof Payload.Restock r) {
                assertThat(r.goodId()).isPositive();
                assertThat(Integer.signum(r.deltaCount())).isEqualTo(r.kind().sign());
                assertThat(r.reason()).isNotBlank();
            } else if (event.payload() instanceof Payload.Purchase p) {
                assertThat(p.orderId()).isPositive();
                assertThat(orderIds.add(p.orderId())).as("order ids are unique").isTrue();
                assertThat(p.userId()).isPositive();
                assertThat(p.goodId()).isPositive();
                assertThat(p.qty()).isPositive();
                assertThat(p.priceAtOrder().cents()).isPositive();
            } else if (event.payload() instanceof Payload.PriceChange c) {
                assertThat(c.newPrice().cents()).isPositive();
                assertThat(c.oldPrice().cents()).isPositive();
                assertThat(c.newPrice()).isNotEqualTo(c.oldPrice());
            } else if (event.payload() instanceof Payload.Return r) {
                assertThat(r.orderId()).isPositive();
                assertThat(r.qty()).isPositive();
                assertThat(r.refundAmount().cents()).isPositive();
            } else if (event.payload() instanceof Payload.ShopStatus s) {
                assertThat(s.shopId()).isPositive();
            }
        }
        assertThat(types).containsExactlyInAnyOrder(EventType.values());
        assertThat(events).extracting(Event::timestamp).isSorted();
    }

    @Test
    void theSameSeedAndBoundaryGiveTheSameEvents() {
        assertThat(tick(42, 500)).isEqualTo(tick(42, 500));
        assertThat(tick(42, 500)).isNotEqualTo(tick(43, 500));
    }
}
