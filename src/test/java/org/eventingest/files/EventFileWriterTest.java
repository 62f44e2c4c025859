package org.eventingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.eventingest.core.Event;
import org.eventingest.core.Money;
import org.eventingest.core.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {

    private static final Instant SAVED = Instant.parse("2025-10-15T17:41:40.018Z");
    private static final Instant HAPPENED = Instant.parse("2025-10-15T17:41:39.5Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;


    private EventFileWriter writer() {
        return new EventFileWriter(dir);
    }

    private static List<Event> oneOfEachType() {
        return List.of(
                Event.of(new Payload.Restock(3, 7, 12, "supplier delivery", Payload.RestockKind.RESTOCK), HAPPENED,
                        SAVED),
                Event.of(new Payload.Purchase(1001, 42, 3, 7, 2, Money.ofCents(19_990)), HAPPENED, SAVED),
                Event.of(new Payload.PriceChange(3, 7, Money.ofCents(1_000), Money.ofCents(999)), HAPPENED, SAVED),
                Event.of(new Payload.Return(1001, 42, 3, 7, 1, Money.ofCents(19_990)), HAPPENED, SAVED),
                Event.of(new Payload.ShopStatus(3, false), HAPPENED, SAVED));
    }

    @Test
    void writesOneContractLinePerEventOfEachType() throws IOException {
        final PublishedFile file = writer().publish("20251015174140", oneOfEachType().iterator());

        assertThat(file.path()).isEqualTo(dir.resolve("20251015174140.event-ingest.txt"));
        final String content = Files.readString(file.path(), StandardCharsets.UTF_8);
        assertThat(content).endsWith("\n").doesNotContain("\n\n");
        assertThat(file.bytes()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.events()).isEqualTo(5);
        final List<String> lines = content.lines().toList();
        assertThat(lines).containsExactly(
                "{\"event_type\":0,\"payload\":{\"shop_id\":3,\"good_id\":7,\"delta_count\":12,"
                        + "\"reason\":\"supplier delivery\",\"sub_event_type\":\"restock\"},"
                        + "\"saved_at\":\"2025-10-15 17:41:40.018\",\"timestamp\":\"2025-10-15 17:41:39.500\"}",
                "{\"event_type\":1,\"payload\":{\"order_id\":1001,\"user_id\":42,\"shop_id\":3,\"good_id\":7,\"qty\":2,"
                        + "\"price_at_order\":199.90},"
                        + "\"saved_at\":\"2025-10-15 17:41:40.018\",\"timestamp\":\"2025-10-15 17:41:39.500\"}",
                "{\"event_type\":2,\"payload\":{\"shop_id\":3,\"good_id\":7,\"new_price\":10.00,\"old_price\":9.99},"
                        + "\"saved_at\":\"2025-10-15 17:41:40.018\",\"timestamp\":\"2025-10-15 17:41:39.500\"}",
                "{\"event_type\":3,\"payload\":{\"order_id\":1001,\"user_id\":42,\"shop_id\":3,\"good_id\":7,\"qty\":1,"
                        + "\"refund_amount\":199.90},"
                        + "\"saved_at\":\"2025-10-15 17:41:40.018\",\"timestamp\":\"2025-10-15 17:41:39.500\"}",
                "{\"event_type\":4,\"payload\":{\"shop_id\":3,\"active\":false},"
                        + "\"saved_at\":\"2025-10-15 17:41:40.018\",\"timestamp\":\"2025-10-15 17:41:39.500\"}");
        for (String line : lines) {
            final JsonNode node = JSON.readTree(line);
            assertThat(node.get("payload").get("shop_id").asLong()).isPositive();
        }
        assertThat(listing()).containsExactly("20251015174140.event-ingest.txt");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        final Path existing = dir.resolve("20251015174140.event-ingest.txt");
        Files.writeString(existing, "earlier\n");

        assertThatThrownBy(() -> writer().publish("20251015174140", oneOfEachType().iterator()))
                .isInstanceOf(FileCollisionException.class);

        assertThat(Files.readString(existing)).isEqualTo("earlier\n");
        assertThat(listing()).containsExactly("20251015174140.event-ingest.txt");
    }

    @Test
    void aFileThatAppearsWhileWritingIsNotOverwrittenEither() throws IOException {
        final Path target = dir.resolve("20251015174140.event-ingest.txt");
        final Iterator<Event> events = oneOfEachType().iterator();
        final Iterator<Event> racing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Event next() {
                if (!Files.exists(target)) {
                    try {
                        Files.writeString(target, "another writer\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return events.next();
            }
        };

        assertThatThrownBy(() -> writer().publish("20251015174140", racing)).isInstanceOf(FileCollisionException.class);

        assertThat(Files.readString(target)).isEqualTo("another writer\n");
        assertThat(listing()).containsExactly("20251015174140.event-ingest.txt");
    }

    @Test
    void aFailedWriteLeavesNoFileUnderAnyName() {
        final Iterator<Event> events = oneOfEachType().iterator();
        final Iterator<Event> failing = new Iterator<>() {
            int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Event next() {
                if (++served > 3) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                return events.next();
            }
        };

        assertThatThrownBy(() -> writer().publish("20251015174140", failing)).hasMessageContaining("No space left");

        assertThat(listing()).isEmpty();
    }

    @Test
    void aMissingDirectoryFailsWithoutPublishing() {
        final EventFileWriter broken = new EventFileWriter(dir.resolve("missing"));
        assertThatThrownBy(() -> broken.publish("20251015174140", oneOfEachType().iterator()))
                .isInstanceOf(IOException.class);
        assertThat(listing()).isEmpty();
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
