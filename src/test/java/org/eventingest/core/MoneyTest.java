package org.eventingest.core;

import static org.assertj.core.api.Assertions.assertThat;

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
    void writesTheSameDigitsIntoJsonWithoutAString() throws Exception {
        final java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            json.writeStartArray();
            for (long cents : new long[] {0, 5, 10, 99, 100, 1_010, 19_999, 123_456_789_012L}) {
                Money.ofCents(cents).writeTo(json);
            }
            json.writeEndArray();
        }
        assertThat(out.toString()).isEqualTo("[0.00,0.05,0.10,0.99,1.00,10.10,199.99,1234567890.12]");
    }
}
