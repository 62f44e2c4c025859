package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

    private final TimestampFormat format = new TimestampFormat();

    @Test
    void writesUtcWithExactlyThreeFractionDigits() {
        assertThat(format.format(Instant.parse("2025-10-15T17:41:40.018Z"))).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(format.format(Instant.parse("2025-10-15T17:41:40Z"))).isEqualTo("2025-10-15 17:41:40.000");
        assertThat(format.format(Instant.parse("2025-10-15T17:41:40.1Z"))).isEqualTo("2025-10-15 17:41:40.100");
        assertThat(format.format(Instant.parse("2025-12-31T23:59:59.999999Z"))).isEqualTo("2025-12-31 23:59:59.999");
    }

    @Test
    void theCacheNeverReturnsAnotherMillisecondsText() {
        final Instant base = Instant.parse("2025-10-15T17:41:40.018Z");
        assertThat(format.format(base)).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(format.format(base.plusNanos(500_000))).isEqualTo("2025-10-15 17:41:40.018");
        assertThat(format.format(base.plusMillis(1))).isEqualTo("2025-10-15 17:41:40.019");
        assertThat(format.format(base)).isEqualTo("2025-10-15 17:41:40.018");
    }
}
