package org.eventingest.core;

/**
 * An amount in cents, written as a decimal with exactly two fraction digits: never a binary
 * double.
 */
public record Money(long cents) {

    public Money {
        if (cents < 0) {
            throw new IllegalArgumentException("negative amount: " + cents);
        }
    }

    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(cents, quantity));
    }

    /** {@code 1999} cents as {@code "19.99"}, {@code 5} as {@code "0.05"}. */
    @Override
    public String toString() {
        final long fraction = cents % 100;
        return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
