package org.eventingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.client.HttpClientBuilder;
import io.dropwizard.client.HttpClientConfiguration;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.eventingest.core.ManualClock;
import org.eventingest.tick.Published;
import org.eventingest.support.PipelineStandIn;
import org.eventingest.support.PipelineStandIn.Reply;
import org.eventingest.support.PipelineStandIn.Request;
import org.eventingest.support.RawPipelinePeer;
import org.eventingest.tick.ClockSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Delivery against a real HTTP server on loopback, with a clock the test moves. */
class PipelineDeliveryTest {

    /** Always the largest jitter: the n-th retry waits exactly 500 ms × 2^(n-1). */
    private static final RandomGenerator LARGEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @TempDir
    Path events;

    @TempDir
    Path state;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:01:00Z"));
    private final MetricRegistry metrics = new MetricRegistry();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<PipelineDelivery> deliveries = new ArrayList<>();
    private PipelineStandIn pipeline;

    @BeforeEach
    void standIn() throws IOException {
        pipeline = new PipelineStandIn(clock);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (PipelineDelivery delivery : deliveries) {
            delivery.stop();
        }
        executors.forEach(ExecutorService::shutdownNow);
        pipeline.close();
    }

    private PipelineDelivery delivery(String url) {
        return delivery(url, new DeliveryJournal(state), 1);
    }

    /** @param socketTimeout the HTTP client's own timeout per read, in seconds; a whole call is bounded by 1 s */
    private PipelineDelivery delivery(String url, DeliveryJournal journal, int socketTimeout) {
        final HttpClientConfiguration http = new HttpClientConfiguration();
        // CHECKSTYLE.OFF: InlineFullyQualifiedName - Duration is java.time's in this file
        http.setTimeout(io.dropwizard.util.Duration.seconds(socketTimeout));
        http.setConnectionTimeout(io.dropwizard.util.Duration.seconds(1));
        // CHECKSTYLE.ON: InlineFullyQualifiedName
        http.setRetries(0);
        final CloseableHttpClient client = new HttpClientBuilder(new MetricRegistry()).using(http)
                .build("test-" + deliveries.size());
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        executors.add(executor);
        final PipelineDelivery delivery = new PipelineDelivery(
                new PipelineClient(() -> client, URI.create(url), Jackson.newObjectMapper(), 2,
                        Duration.ofSeconds(1)),
                journal, events, executor, clock,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), LARGEST, Duration.ZERO,
                deliveries.isEmpty() ? metrics : new MetricRegistry());
        deliveries.add(delivery);
        delivery.start();
        return delivery;
    }

    private PipelineDelivery delivery() {
        return delivery(pipeline.url());
    }

    private static String prefix(int second) {
        return String.format("202601010000%02d", second);
    }

    private void publish(PipelineDelivery delivery, int second) throws IOException {
        final Path file = events.resolve(prefix(second) + ".event-ingest.txt");
        Files.writeString(file, "{}\n");
        delivery.accept(new Published(prefix(second), file.getFileName().toString(), 3, 1));
    }

    /** Moves the clock on in 100 ms steps until {@code condition} holds. */
    /**
     * Until {@code condition} holds: whenever the newest sender waits, moves the clock exactly to the
     * instant it waits for, never while it works (a call on the wire sees no time pass), so the
     * gaps between calls are exactly the delays the sender chose.
     */
    private void advanceUntil(BooleanSupplier condition) {
        final ClockSleeper sleeper = deliveries.get(deliveries.size() - 1).sleeper();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleeper.waitingUntil().filter(deadline -> deadline.isAfter(clock.instant())).ifPresent(clock::set);
            return false;
        });
    }

    /**
     * Lets {@code span} of clock time pass while the newest sender is idle, a wait at a time: each
     * of its waits runs out, and it is seen waiting again before the clock moves on.
     */
    private void passQuietly(Duration span) {
        final ClockSleeper sleeper = deliveries.get(deliveries.size() - 1).sleeper();
        final Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            final Instant deadline = await().atMost(30, TimeUnit.SECONDS)
                    .until(sleeper::waitingUntil, Optional::isPresent).orElseThrow();
            if (!deadline.isBefore(end)) {
                clock.set(end);
                return;
            }
            final long waits = sleeper.waitsBegun();
            clock.set(deadline);
            await().atMost(30, TimeUnit.SECONDS).until(() -> sleeper.waitsBegun() > waits
                    && sleeper.waitingUntil().isPresent());
        }
    }

    /** "R:prefix" and "D:prefix" in the order pipeline-apid received them. */
    private List<String> callLog() {
        return pipeline.calls().stream().map(r -> (r.isRegister() ? "R:" : "D:") + r.filename()).toList();
    }

    private static List<String> registerThenDone(int... seconds) {
        final List<String> expected = new ArrayList<>();
        for (int second : seconds) {
            expected.add("R:" + prefix(second));
            expected.add("D:" + prefix(second));
        }
        return expected;
    }

    @Test
    void aPipelineDownForManyFilesGetsEveryFileRegisteredThenDoneInOrderOnceItIsBack() throws Exception {
        pipeline.down();
        final PipelineDelivery delivery = delivery();
        for (int second = 1; second <= 6; second++) {
            publish(delivery, second);
            clock.advance(Duration.ofSeconds(10));
        }
        advanceUntil(() -> metrics.counter("pipeline.calls.register.failed").getCount() >= 5);
        assertThat(delivery.status().backlog()).isEqualTo(6);
        assertThat(delivery.status().oldestUnannounced()).contains(prefix(1));
        assertThat(delivery.status().lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("Connection refused"));

        pipeline.up();
        advanceUntil(() -> delivery.status().backlog() == 0);

        assertThat(callLog()).containsExactlyElementsOf(registerThenDone(1, 2, 3, 4, 5, 6));
        assertThat(metrics.counter("pipeline.calls.done.ok").getCount()).isEqualTo(6);
        assertThat(delivery.status().parked()).isEmpty();
        // The journal is written after the acknowledgement, outside the queue's lock: it may land just after.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(new DeliveryJournal(state).load().doneThrough()).isEqualTo(prefix(6)));
    }

    @Test
    void serverErrorsAreRetriedWithDoublingGaps() throws Exception {
        final AtomicInteger failures = new AtomicInteger();
        pipeline.misbehave(request -> request.isRegister() && failures.getAndIncrement() < 4
                ? Optional.of(Reply.status(500 + failures.get() % 4)) : Optional.empty());
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        advanceUntil(() -> delivery.status().backlog() == 0);

        final List<Instant> attempts = pipeline.calls().stream().filter(Request::isRegister).map(Request::at).toList();
        assertThat(attempts).hasSize(5);
        final List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gaps.add(Duration.between(attempts.get(i - 1), attempts.get(i)).toMillis());
        }
        assertThat(gaps).hasSize(4);
        final long[] bounds = {500, 1000, 2000, 4000};
        for (int i = 0; i < 4; i++) {
            assertThat(gaps.get(i)).isBetween(bounds[i], bounds[i] + 200);
        }
        assertThat(metrics.counter("pipeline.retries").getCount()).isEqualTo(4);
        assertThat(metrics.counter("pipeline.calls.register.failed").getCount()).isEqualTo(4);
        assertThat(callLog()).endsWith("R:" + prefix(1), "D:" + prefix(1));
    }

    @Test
    void tooManyRequestsAndTimeoutStatusesAreRetriedToo() throws Exception {
        final AtomicInteger answered = new AtomicInteger();
        pipeline.misbehave(request -> switch (answered.getAndIncrement()) {
            case 0 -> Optional.of(Reply.status(429));
            case 1 -> Optional.of(Reply.status(408));
            default -> Optional.empty();
        });
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        advanceUntil(() -> delivery.status().backlog() == 0);
        assertThat(callLog()).containsExactly("R:" + prefix(1), "R:" + prefix(1), "R:" + prefix(1), "D:" + prefix(1));
        assertThat(delivery.status().parked()).isEmpty();
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsRetried() throws Exception {
        final AtomicInteger dones = new AtomicInteger();
        // The first done is answered only when the stand-in closes: slower than the 1 s bound however loaded the
        // machine is. Any other call may also overrun the bound on a loaded machine, and is then retried too.
        pipeline.misbehave(request -> request.isDone() && dones.getAndIncrement() == 0
                ? Optional.of(new Reply(200, "{\"filename\":\"x\",\"updated_rows\":2}", 600_000)) : Optional.empty());
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        advanceUntil(() -> delivery.status().backlog() == 0);

        final List<String> calls = callLog();
        final long registers = calls.stream().filter(call -> call.equals("R:" + prefix(1))).count();
        final long doneCalls = calls.stream().filter(call -> call.equals("D:" + prefix(1))).count();
        assertThat(calls).hasSize((int) (registers + doneCalls)).startsWith("R:" + prefix(1))
                .endsWith("D:" + prefix(1), "D:" + prefix(1));
        assertThat(calls.subList(0, (int) registers)).containsOnly("R:" + prefix(1));
        // One call of each kind succeeded; every other one failed and was retried, the held done among them.
        assertThat(metrics.counter("pipeline.calls.register.failed").getCount()).isEqualTo(registers - 1);
        assertThat(metrics.counter("pipeline.calls.done.failed").getCount()).isEqualTo(doneCalls - 1).isPositive();
        assertThat(pipeline.acknowledgedDones()).containsOnly(prefix(1));
        assertThat(delivery.status().lastError())
                .hasValueSatisfying(error -> assertThat(error).containsIgnoringCase("timeout"));
    }

    @Test
    void aSuccessWhoseBodyIsNotTheContractsJsonIsRetried() throws Exception {
        final AtomicInteger answered = new AtomicInteger();
        pipeline.misbehave(request -> switch (answered.getAndIncrement()) {
            case 0 -> Optional.of(new Reply(200, "<html>proxy error</html>", 0));
            case 1 -> Optional.of(new Reply(200, "{\"filename\":\"x\"}", 0));
            default -> Optional.empty();
        });
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        advanceUntil(() -> delivery.status().backlog() == 0);
        assertThat(callLog()).containsExactly("R:" + prefix(1), "R:" + prefix(1), "R:" + prefix(1), "D:" + prefix(1));
    }

    @Test
    void resetConnectionsAreRetriedWithGrowingGaps() throws Exception {
        final List<Instant> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final Thread server = new Thread(() -> {
                while (!resetting.isClosed()) {
                    try (Socket socket = resetting.accept()) {
                        accepted.add(clock.instant());
                        final InputStream in = socket.getInputStream();
                        in.read(new byte[1024]);
                        socket.setSoLinger(true, 0); // close with RST
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            final PipelineDelivery delivery =
                    delivery("http://127.0.0.1:" + resetting.getLocalPort() + "/api/v1/pipeline");
            publish(delivery, 1);
            advanceUntil(() -> accepted.size() >= 4);

            assertThat(Duration.between(accepted.get(1), accepted.get(2)))
                    .isGreaterThan(Duration.between(accepted.get(0), accepted.get(1)));
            assertThat(Duration.between(accepted.get(2), accepted.get(3)))
                    .isGreaterThan(Duration.between(accepted.get(1), accepted.get(2)));
            assertThat(delivery.status().parked()).isEmpty();
            assertThat(delivery.status().backlog()).isEqualTo(1);
            assertThat(metrics.counter("pipeline.calls.register.failed").getCount()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aClientErrorParksTheFileTheOthersGoOnAndTheTaskRequeuesIt() throws Exception {
        pipeline.misbehave(request -> request.isRegister() && prefix(1).equals(request.filename())
                ? Optional.of(new Reply(400, "{\"error\":\"shards must not be empty\"}", 0)) : Optional.empty());
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        publish(delivery, 2);
        advanceUntil(() -> delivery.status().backlog() == 1);

        assertThat(callLog()).containsExactly("R:" + prefix(1), "R:" + prefix(2), "D:" + prefix(2));
        assertThat(delivery.status().parked()).containsOnlyKeys(prefix(1));
        assertThat(delivery.status().parked().get(prefix(1))).contains("400").contains("shards must not be empty");
        assertThat(metrics.counter("pipeline.calls.register.rejected").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pipeline.parked_total").getCount()).isEqualTo(1);
        passQuietly(Duration.ofMinutes(5));
        assertThat(callLog()).hasSize(3); // not retried in a loop

        pipeline.behave();
        assertThat(delivery.requeueParked()).containsExactly(prefix(1));
        advanceUntil(() -> delivery.status().backlog() == 0);
        assertThat(callLog()).endsWith("R:" + prefix(1), "D:" + prefix(1));
        assertThat(delivery.status().parked()).isEmpty();
    }

    @Test
    void aDoneThatUpdatedNoRowsLeadsToANewRegisterThenDone() throws Exception {
        final AtomicInteger dones = new AtomicInteger();
        pipeline.misbehave(request -> {
            if (request.isDone() && dones.getAndIncrement() == 0) {
                pipeline.forgetRows();
            }
            return Optional.empty();
        });
        final PipelineDelivery delivery = delivery();
        publish(delivery, 1);
        advanceUntil(() -> delivery.status().backlog() == 0);
        assertThat(callLog()).containsExactly("R:" + prefix(1), "D:" + prefix(1), "R:" + prefix(1), "D:" + prefix(1));
        assertThat(metrics.counter("pipeline.calls.done.lost_rows").getCount()).isEqualTo(1);
    }

    @Test
    void afterARestartEveryFileIsAnnouncedAndNoneTwiceAfterItsDoneSucceeded() throws Exception {
        final PipelineDelivery first = delivery();
        publish(first, 1);
        publish(first, 2);
        advanceUntil(() -> first.status().backlog() == 0);
        // :03 gets its register acknowledged, then its done fails; :04 never gets through.
        pipeline.misbehave(request -> request.isDone() || prefix(4).equals(request.filename())
                ? Optional.of(Reply.status(503)) : Optional.empty());
        publish(first, 3);
        publish(first, 4);
        advanceUntil(() -> metrics.counter("pipeline.calls.done.failed").getCount() >= 1);
        first.stop();
        assertThat(first.status().backlog()).isEqualTo(2);
        final int before = pipeline.calls().size();

        pipeline.behave();
        final PipelineDelivery second = delivery();
        assertThat(second.status().backlog()).isEqualTo(2);
        advanceUntil(() -> second.status().backlog() == 0);

        final List<String> afterRestart = callLog().subList(before, pipeline.calls().size());
        assertThat(afterRestart).containsExactly("D:" + prefix(3), "R:" + prefix(4), "D:" + prefix(4));
        final List<String> successfulDones = new ArrayList<>(callLog().stream()
                .filter(call -> call.startsWith("D:")).toList());
        assertThat(successfulDones).containsOnlyOnce("D:" + prefix(1), "D:" + prefix(2), "D:" + prefix(4));
    }

    @Test
    void anOutageIsLoggedOnceThenSummedUpThenOnceWhenItEnds() throws Exception {
        final Logger logger =
                (Logger) LoggerFactory.getLogger(PipelineDelivery.class);
        final ListAppender<ILoggingEvent> lines =
                new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            pipeline.down();
            final PipelineDelivery delivery = delivery();
            publish(delivery, 1);
            // Three minutes of failures, simulated: dozens of attempts at the 30 s cap.
            advanceUntil(() -> metrics.counter("pipeline.calls.register.failed").getCount() >= 12);
            pipeline.up();
            advanceUntil(() -> delivery.status().backlog() == 0);

            final List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages.stream().filter(m -> m.startsWith("pipeline-apid unavailable"))).hasSize(1);
            assertThat(messages.stream().filter(m -> m.startsWith("pipeline-apid still unavailable")).count())
                    .isBetween(1L, 10L);
            assertThat(messages.stream().filter(m -> m.startsWith("pipeline-apid available again"))).hasSize(1);
            assertThat(messages.size()).isLessThan((int) metrics.counter("pipeline.calls.register.failed").getCount());
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aHugeAnswerIsAFailedCallReadOnlyUpToItsCapAndDeliveryGoesOn() throws Exception {
        try (RawPipelinePeer peer = new RawPipelinePeer(call -> call < 2 ? RawPipelinePeer.Answer.HUGE
                : RawPipelinePeer.Answer.CONTRACT)) {
            final PipelineDelivery delivery = delivery(peer.url());
            publish(delivery, 1);
            publish(delivery, 2);
            advanceUntil(() -> delivery.status().backlog() == 0);
            assertThat(peer.calls()).containsExactly("R:" + prefix(1), "R:" + prefix(1), "R:" + prefix(1),
                    "D:" + prefix(1), "R:" + prefix(2), "D:" + prefix(2));
            assertThat(metrics.counter("pipeline.calls.register.failed").getCount()).isEqualTo(2);
            // Read up to the cap, then cut: the peer got a few socket buffers out of its 300 MiB, no more.
            assertThat(peer.hugeBytesSent()).isLessThan(32L << 20);
            assertThat(delivery.senderProblem()).isEmpty();
        }
    }

    @Test
    void anAnswerThatDripsIsCutOffAtTheCallTimeoutAndRetried() throws Exception {
        try (RawPipelinePeer peer = new RawPipelinePeer(call -> call == 0 ? RawPipelinePeer.Answer.DRIP
                : RawPipelinePeer.Answer.CONTRACT)) {
            // The client's read timeout (5 s) never fires on a byte a second; the whole-call bound (1 s) does.
            final PipelineDelivery delivery = delivery(peer.url(), new DeliveryJournal(state), 5);
            publish(delivery, 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> delivery.status().lastError().isPresent());
            assertThat(delivery.status().lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("did not finish within 1 s"));
            advanceUntil(() -> delivery.status().backlog() == 0);
            assertThat(peer.calls()).containsExactly("R:" + prefix(1), "R:" + prefix(1), "D:" + prefix(1));
        }
    }

    @Test
    void anErrorInsideTheSenderIsReportedAndTheSenderStartsAgain() throws Exception {
        final AtomicInteger saves = new AtomicInteger();
        final Thread test = Thread.currentThread();
        final DeliveryJournal failingOnce = new DeliveryJournal(state) {
            @Override
            public void save(State next) throws IOException {
                // The sender's first journal write (after pipeline-apid's first acknowledgement) throws.
                if (Thread.currentThread() != test && saves.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("simulated");
                }
                super.save(next);
            }
        };
        final PipelineDelivery delivery = delivery(pipeline.url(), failingOnce, 1);
        publish(delivery, 1);
        await().atMost(30, TimeUnit.SECONDS).until(() -> delivery.senderProblem().isPresent());
        assertThat(delivery.senderProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("OutOfMemoryError: simulated").contains("restarting it in"));
        assertThat(delivery.isAlive()).isTrue();
        publish(delivery, 2);
        advanceUntil(() -> delivery.status().backlog() == 0);
        assertThat(delivery.senderProblem()).isEmpty();
        assertThat(callLog()).endsWith("D:" + prefix(1), "R:" + prefix(2), "D:" + prefix(2));
    }
}
