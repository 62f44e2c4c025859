package org.eventingest.core.world;

import java.util.random.RandomGenerator;
import org.eventingest.core.EventType;

/**
 * The relative weights of the event types ({@code [events.mix]}), and the draw of a type among
 * those that can still happen: a type that cannot happen now is left out of the next draw.
 */
public final class EventMix {

    private final int[] weights;
    private final int total;
    private final Draws draws;

    /** @param weights by event type code */
    public EventMix(int[] weights) {
        if (weights.length != EventType.values().length) {
            throw new IllegalArgumentException("one weight per event type");
        }
        this.weights = weights.clone();
        int sum = 0;
        for (int weight : weights) {
            sum += weight;
        }
        this.total = sum;
        this.draws = new Draws();
    }

    /** The draws of one event (reused: the generator thread draws one event at a time). */
    Draws draws() {
        draws.left = weights;
        draws.total = total;
        return draws;
    }

    /** Draws of the type of one event. */
    final class Draws {
        private final int[] remaining = new int[weights.length];
        private int[] left;
        private int total;

        /** A type in proportion to the weights of those not excluded; null when none is left. */
        EventType next(RandomGenerator random) {
            if (total == 0) {
                return null;
            }
            int draw = Draw.below(random, total);
            int type = 0;
            while (draw >= left[type]) {
                draw -= left[type];
                type++;
            }
            return EventType.ofCode(type);
        }

        /** Leaves {@code type} out of the next draws (a copy of the weights only then, not for every event). */
        void exclude(EventType type) {
            if (left == weights) {
                System.arraycopy(weights, 0, remaining, 0, weights.length);
                left = remaining;
            }
            total -= left[type.code()];
            left[type.code()] = 0;
        }
    }
}
