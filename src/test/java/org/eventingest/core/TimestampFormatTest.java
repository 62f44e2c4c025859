package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

    private final TimestampFormat format = new TimestampFormat();

    private String text(Instant instant) {
        return new String(format.ascii(instant), StandardCharsets.US_ASCII);
    }

    @Test
    void writesUtcWithExactlyThreeFractionDigits() {
        assertThat(text(Instant.parse("2025-10-15T17:41:40.018Z"))).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(text(Instant.parse("2025-10-15T17:41:40Z"))).isEqualTo("2025-10-15 17:41:40.000");
        assertThat(text(Instant.parse("2025-10-15T17:41:40.1Z"))).isEqualTo("2025-10-15 17:41:40.100");
        assertThat(text(Instant.parse("2025-12-31T23:59:59.999999Z"))).isEqualTo("2025-12-31 23:59:59.999");
    }

    @Test
    void theCacheNeverReturnsAnotherMillisecondsText() {
        final Instant base = Instant.parse("2025-10-15T17:41:40.018Z");
        assertThat(text(base)).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(text(base.plusNanos(500_000))).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(text(base.plusMillis(1))).isEqualTo("2025-10-15 17:41:40.019");
        assertThat(text(base)).isEqualTo("2025-10-15 17:41:40.018");
    }
}
