package org.eventingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryQueueTest {

    @TempDir
    Path events;

    @TempDir
    Path state;

    private DeliveryJournal journal() {
        return new DeliveryJournal(state);
    }

    private void file(String prefix) throws IOException {
        Files.writeString(events.resolve(prefix + ".event-ingest.txt"), "{}\n");
    }

    private static String prefix(int second) {
        return String.format("202601010000%02d", second);
    }

    /** Marks files done in the order the queue hands them out, as the sender does. */
    private static List<String> drain(DeliveryQueue queue) {
        final List<String> order = new ArrayList<>();
        for (Optional<String> head = queue.head(); head.isPresent(); head = queue.head()) {
            order.add(head.get());
            queue.registered(head.get());
            queue.done(head.get());
        }
        return order;
    }

    @Test
    void reconcileQueuesEveryFileWhoseDoneIsNotRecordedAndDropsStaleEntries() throws IOException {
        for (int second = 1; second <= 6; second++) {
            file(prefix(second));
        }
        // Done through :03, :02 parked below it; :05 registered; entries for files that were cleaned away.
        journal().save(new DeliveryJournal.State(prefix(3), Set.of(prefix(5), "20250101000000"),
                Set.of(prefix(2), "20250101000001")));

        final DeliveryQueue queue = new DeliveryQueue(journal(), events, 100);
        queue.reconcile();

        assertThat(queue.backlog()).isEqualTo(4);
        assertThat(queue.isRegistered(prefix(5))).isTrue();
        assertThat(journal().load())
                .isEqualTo(new DeliveryJournal.State(prefix(3), Set.of(prefix(5)), Set.of(prefix(2))));
        assertThat(drain(queue)).containsExactly(prefix(2), prefix(4), prefix(5), prefix(6));
        assertThat(queue.backlog()).isZero();
        assertThat(journal().load()).isEqualTo(new DeliveryJournal.State(prefix(6), Set.of(), Set.of()));
    }

    @Test
    void aSmallWindowStillHandsOutEveryFileInOrderWithNoGap() throws IOException {
        for (int second = 1; second <= 10; second++) {
            file(prefix(second));
        }
        final DeliveryQueue queue = new DeliveryQueue(journal(), events, 3);
        queue.reconcile();
        assertThat(queue.backlog()).isEqualTo(10);

        final List<String> order = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            final String head = queue.head().orElseThrow();
            order.add(head);
            queue.done(head);
        }
        // Files published while the window is full are found again by reading the directory.
        for (int second = 11; second <= 14; second++) {
            file(prefix(second));
            queue.published(prefix(second));
        }
        order.addAll(drain(queue));

        final List<String> expected = new ArrayList<>();
        for (int second = 1; second <= 14; second++) {
            expected.add(prefix(second));
        }
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void aFileBelowTheWatermarkIsJournaledAsPendingAndAnnounced() throws IOException {
        file(prefix(10));
        final DeliveryQueue queue = new DeliveryQueue(journal(), events, 100);
        queue.reconcile();
        assertThat(drain(queue)).containsExactly(prefix(10));

        file(prefix(5)); // the clock stepped back
        queue.published(prefix(5));
        assertThat(journal().load().pendingBelow()).containsExactly(prefix(5));

        final DeliveryQueue afterCrash = new DeliveryQueue(journal(), events, 100);
        afterCrash.reconcile();
        assertThat(drain(afterCrash)).containsExactly(prefix(5));
        assertThat(journal().load()).isEqualTo(new DeliveryJournal.State(prefix(10), Set.of(), Set.of()));
    }

    @Test
    void aParkedFileIsPassedOverUntilRequeuedOrRestarted() throws IOException {
        for (int second = 1; second <= 3; second++) {
            file(prefix(second));
        }
        final DeliveryQueue queue = new DeliveryQueue(journal(), events, 100);
        queue.reconcile();
        queue.park(queue.head().orElseThrow(), "400 bad filename");

        assertThat(queue.parked()).containsOnlyKeys(prefix(1));
        assertThat(drain(queue)).containsExactly(prefix(2), prefix(3));
        assertThat(queue.backlog()).isEqualTo(1);
        assertThat(queue.oldest()).contains(prefix(1));

        final DeliveryQueue restarted = new DeliveryQueue(journal(), events, 100);
        restarted.reconcile();
        assertThat(restarted.parked()).isEmpty();
        assertThat(restarted.head()).contains(prefix(1));

        assertThat(queue.requeueParked()).containsExactly(prefix(1));
        assertThat(drain(queue)).containsExactly(prefix(1));
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void aCorruptJournalMeansEveryFileIsAnnouncedAgain() throws IOException {
        file(prefix(1));
        file(prefix(2));
        Files.createDirectories(state);
        Files.writeString(state.resolve("delivery.json"), "{\"done_through\":");
        final DeliveryQueue queue = new DeliveryQueue(journal(), events, 100);
        queue.reconcile();
        assertThat(drain(queue)).containsExactly(prefix(1), prefix(2));
    }

    @Test
    void aSlowJournalWriteHoldsUpNeitherReadersNorThePublisher() throws Exception {
        file(prefix(1));
        file(prefix(2));
        final CountDownLatch saving = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean slow = new AtomicBoolean();
        final DeliveryJournal journal = new DeliveryJournal(state) {
            @Override
            public void save(State written) throws IOException {
                if (slow.get()) {
                    saving.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.save(written);
            }
        };
        final DeliveryQueue queue = new DeliveryQueue(journal, events, 100);
        queue.reconcile();
        slow.set(true);
        final Thread sender = new Thread(() -> queue.done(prefix(1)));
        sender.start();
        assertThat(saving.await(5, TimeUnit.SECONDS)).isTrue();

        // The sender is inside the journal's fsync: the queue answers and takes new files meanwhile.
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(queue.backlog()).isEqualTo(1);
            assertThat(queue.oldest()).contains(prefix(2));
            file(prefix(3));
            queue.published(prefix(3));
            assertThat(queue.backlog()).isEqualTo(2);
        });
        slow.set(false);
        release.countDown();
        sender.join(5000);
        assertThat(journal().load().doneThrough()).isEqualTo(prefix(1));
    }
}
