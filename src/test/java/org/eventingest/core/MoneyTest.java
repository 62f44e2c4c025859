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
}
