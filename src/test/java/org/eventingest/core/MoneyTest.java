package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void alwaysTwoFractionDigits() {
        assertThat(Money.ofCents(19_999)).hasToString("199.99");
        assertThat(Money.ofCents(5)).hasToString("0.05");
        assertThat(Money.ofCents(100)).hasToString("1.00");
        assertThat(Money.ofCents(1_010)).hasToString("10.10");
        assertThat(Money.ofCents(33_333).times(3)).hasToString("999.99");
    }

    @Test
    void theEncoderWritesTheSameDigitsWithoutAString() throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final LineEncoder encoder = new LineEncoder(out, 0);
        for (long cents : new long[] {0, 5, 10, 99, 100, 1_010, 19_999, 123_456_789_012L}) {
            encoder.field(LineEncoder.name("m"));
            encoder.money(cents);
            assertThat(Money.ofCents(cents).toString()).isEqualTo(BigDecimal.valueOf(cents, 2).toPlainString());
        }
        encoder.drain();
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .isEqualTo("\"m\":0.00,\"m\":0.05,\"m\":0.10,\"m\":0.99,\"m\":1.00,\"m\":10.10,\"m\":199.99,"
                        + "\"m\":1234567890.12");
    }
}
