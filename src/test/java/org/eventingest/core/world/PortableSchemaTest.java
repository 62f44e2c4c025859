package org.eventingest.core.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AbstractKeyword;
import com.networknt.schema.keyword.BaseKeywordValidator;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.path.NodePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published schemas hold whatever a validator's numbers are: generated lines with every anomaly
 * kind validate both where numbers are read as exact decimals (as {@link EventSchemaTest} reads them)
 * and where they are read as binary doubles, as Python's {@code jsonschema} and ajv read them. Money's
 * two decimals, which a schema cannot state to a validator of doubles, are checked on the raw text.
 */
class PortableSchemaTest {

    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:10Z");
    private static final String TOML = """
            [events]
            generation_interval = 1
            events_per_batch = 300
            [world]
            shops = 8
            goods = 6
            users = 20
            [pipeline]
            shards_count = 2
            [anomalies]
            duplicate = 0.03
            out_of_order = 0.002
            invalid = 0.03
            malformed = 0.02
            """;

    private static final Set<String> MONEY = Set.of("price_at_order", "new_price", "old_price", "refund_amount");
    /** A money field as written, up to the end of its value. */
    private static final Pattern MONEY_FIELD =
            Pattern.compile("\"(price_at_order|new_price|old_price|refund_amount)\":([^,}]*)");
    private static final Pattern TWO_DECIMALS = Pattern.compile("(0|[1-9][0-9]*)\\.[0-9]{2}");

    /** One way of reading and validating a line. */
    record Validator(String name, ObjectMapper json, Schema schema) {

        List<Error> errors(String line) throws JsonProcessingException {
            return schema.validate(json.readTree(line));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Numbers as exact decimals: the setup of {@link EventSchemaTest}. */
    static final Validator EXACT = new Validator("exact decimals",
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)),
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(lineSchema()));

    /**
     * Numbers as binary doubles, as Python's {@code json} and JavaScript's {@code JSON.parse} read them,
     * and {@code multipleOf} computed on them as Python's {@code jsonschema} and ajv compute it. Reading
     * doubles alone is not enough: networknt's own {@code multipleOf} turns a double back into its
     * shortest decimal ({@code BigDecimal.valueOf}), so 300.58 would still be a multiple of 0.01 there.
     */
    static final Validator DOUBLES =
            new Validator("binary doubles", new ObjectMapper(), doubles().getSchema(lineSchema()));

    /** Draft 2020-12 with {@code multipleOf} on doubles. */
    private static SchemaRegistry doubles() {
        return SchemaRegistry.withDefaultDialect(
                Dialect.builder(Dialects.getDraft202012()).keyword(new DoubleMultipleOf()).build());
    }

    private static SchemaLocation lineSchema() {
        return SchemaLocation.of("classpath:schemas/event-line.schema.json"); // docs/schemas, copied by Maven
    }

    /** {@code multipleOf} on doubles: the quotient must be an integer (300.58 / 0.01 = 30057.999999999996 is not). */
    private static final class DoubleMultipleOf extends AbstractKeyword {

        DoubleMultipleOf() {
            super("multipleOf");
        }

        @Override
        public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode, Schema parent,
                                             SchemaContext context) {
            final double divisor = schemaNode.doubleValue();
            return new BaseKeywordValidator(this, schemaNode, location, parent, context) {
                @Override
                public void validate(ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
                    if (!node.isNumber()) {
                        return;
                    }
                    final double quotient = node.doubleValue() / divisor;
                    if (!Double.isFinite(quotient) || quotient != Math.rint(quotient)) {
                        execution.addError(error().instanceNode(node).instanceLocation(at)
                                .evaluationPath(execution.getEvaluationPath())
                                .locale(execution.getExecutionConfig().getLocale())
                                .arguments(schemaNode.asText()).build());
                    }
                }
            };
        }
    }

    static Stream<Validator> validators() {
        return Stream.of(EXACT, DOUBLES);
    }

    /** A generated line with the anomaly its truth record labels it with, if any. */
    record Line(String where, String text, String kind, String reason) {
    }

    @TempDir
    static Path root;

    private static List<Line> lines;

    @BeforeAll
    static void generate() throws Exception {
        final WorldRun run = new WorldRun(root, TOML, 23);
        run.ticks(FIRST, 40);
        final ObjectMapper json = new ObjectMapper();
        final Map<String, JsonNode> truths = new HashMap<>();
        try (Stream<Path> files = Files.list(run.state.resolve("truth"))) {
            for (Path file : files.toList()) {
                final JsonNode truth = json.readTree(file.toFile());
                truths.put(truth.get("file").asText(), truth);
            }
        }
        lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(run.events)) {
            for (Path file : files.sorted().toList()) {
                final String name = file.getFileName().toString();
                final Map<Integer, JsonNode> anomalies = new HashMap<>();
                truths.get(name).get("anomalies")
                        .forEach(anomaly -> anomalies.put(anomaly.get("line").asInt(), anomaly));
                final List<String> texts = Files.readAllLines(file);
                for (int i = 0; i < texts.size(); i++) {
                    final JsonNode anomaly = anomalies.get(i + 1);
                    lines.add(new Line(name + ":" + (i + 1), texts.get(i),
                            anomaly == null ? null : anomaly.get("kind").asText(),
                            anomaly == null || !anomaly.has("reason") ? null : anomaly.get("reason").asText()));
                }
            }
        }
    }

    private static Stream<Line> json() {
        return lines.stream().filter(line -> !"malformed".equals(line.kind()));
    }

    @Test
    void theLinesHaveEveryTypeEveryAnomalyKindAndEveryKindOfInvalidEvent() throws Exception {
        final TreeSet<String> kinds = new TreeSet<>();
        final TreeSet<String> reasons = new TreeSet<>();
        final TreeSet<Integer> types = new TreeSet<>();
        for (Line line : lines) {
            if (line.kind() != null) {
                kinds.add(line.kind());
            }
            if (line.reason() != null && "invalid".equals(line.kind())) {
                reasons.add(line.reason());
            }
            if (!"malformed".equals(line.kind())) {
                types.add(EXACT.json().readTree(line.text()).get("event_type").asInt());
            }
        }
        assertThat(kinds).containsExactly("duplicate", "invalid", "malformed", "out_of_order");
        assertThat(reasons).hasSize(6);
        assertThat(types).containsExactly(0, 1, 2, 3, 4);
        assertThat(lines.size()).isGreaterThan(5000);
    }

    /** Clean, duplicate, out-of-order and invalid lines alike: invalid events break the world, not the schema. */
    @ParameterizedTest(name = "numbers as {0}")
    @MethodSource("validators")
    void everyLineThatIsJsonValidates(Validator validator) throws Exception {
        final List<String> failures = new ArrayList<>();
        final List<Line> checked = json().toList();
        for (Line line : checked) {
            final List<Error> errors = validator.errors(line.text());
            if (!errors.isEmpty()) {
                failures.add(line.where() + (line.kind() == null ? "" : " (" + line.kind() + ")") + ": " + errors
                        + " in " + line.text());
            }
        }
        assertThat(failures).withFailMessage("%d of %d lines fail with numbers as %s; the first: %s", failures.size(),
                checked.size(), validator, failures.subList(0, Math.min(3, failures.size()))).isEmpty();
        assertThat(checked.size()).isGreaterThan(5000);
    }

    @Test
    void linesLabelledMalformedAreNotJson() {
        final List<Line> malformed = lines.stream().filter(line -> "malformed".equals(line.kind())).toList();
        assertThat(malformed).isNotEmpty();
        for (Line line : malformed) {
            for (Validator validator : List.of(EXACT, DOUBLES)) {
                assertThatThrownBy(() -> validator.json().readTree(line.text())).as(line.where())
                        .isInstanceOf(JsonProcessingException.class);
            }
        }
    }

    @ParameterizedTest(name = "numbers as {0}")
    @MethodSource("validators")
    void linesThatBreakTheContractDoNotValidate(Validator validator) throws Exception {
        for (String broken : EventSchemaTest.BROKEN) {
            assertThat(validator.errors(broken)).as(broken).isNotEmpty();
        }
    }

    /** What the schemas no longer state: every money field is written with exactly two decimals. */
    @Test
    void moneyHasExactlyTwoDecimalsInTheRawText() throws Exception {
        int fields = 0;
        for (Line line : json().toList()) {
            assertThat(moneyNotInTwoDecimals(line.text())).as(line.where() + ": " + line.text()).isEmpty();
            fields += moneyFields(line.text());
        }
        assertThat(fields).isGreaterThan(1000);
    }

    @Test
    void theRawTextCheckCatchesMoneyTheSchemasAccept() throws Exception {
        for (String money : List.of("1.005", "19.9", "20", "1.50e1", "2.0E1", "19.900")) {
            final String line = "{\"event_type\":2,\"payload\":{\"shop_id\":1,\"good_id\":2,\"new_price\":" + money
                    + ",\"old_price\":2.00},"
                    + "\"saved_at\":\"2026-01-01 00:00:00.000\",\"timestamp\":\"2026-01-01 00:00:00.000\"}";
            assertThat(EXACT.errors(line)).as(line).isEmpty();
            assertThat(DOUBLES.errors(line)).as(line).isEmpty();
            assertThat(moneyNotInTwoDecimals(line)).as(line).containsExactly("new_price:" + money);
        }
        assertThat(moneyNotInTwoDecimals("{\"price_at_order\":19.90,\"refund_amount\":0.05}")).isEmpty();
    }

    /** The two validators do read numbers differently: see the float multipleOf that the schemas dropped. */
    @Test
    void aFloatMultipleOfRejectsTwoDecimalMoneyOnlyWhenNumbersAreDoubles() throws Exception {
        final String schema = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"multipleOf\":0.01}";
        final Schema exact = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
        final Schema doubles = doubles().getSchema(schema);
        assertThat(exact.validate(EXACT.json().readTree("300.58"))).isEmpty();
        assertThat(doubles.validate(DOUBLES.json().readTree("300.58"))).isNotEmpty();
        assertThat(doubles.validate(DOUBLES.json().readTree("715.27"))).isEmpty(); // 71527.0: some pass, as in Python
        assertThat(exact.validate(EXACT.json().readTree("1.005"))).isNotEmpty();
    }

    /** The money fields of a line whose value is not written with exactly two decimals, as {@code name:value}. */
    private static List<String> moneyNotInTwoDecimals(String line) {
        final List<String> wrong = new ArrayList<>();
        final Matcher matcher = MONEY_FIELD.matcher(line);
        while (matcher.find()) {
            if (!TWO_DECIMALS.matcher(matcher.group(2)).matches()) {
                wrong.add(matcher.group(1) + ":" + matcher.group(2));
            }
        }
        return wrong;
    }

    /** How many money fields the line has, found by the regex; the parsed payload must have as many. */
    private static int moneyFields(String line) throws JsonProcessingException {
        int found = 0;
        for (Matcher matcher = MONEY_FIELD.matcher(line); matcher.find(); ) {
            found++;
        }
        int parsed = 0;
        for (var names = EXACT.json().readTree(line).get("payload").fieldNames(); names.hasNext(); ) {
            parsed += MONEY.contains(names.next()) ? 1 : 0;
        }
        assertThat(found).as("money fields the regex finds in " + line).isEqualTo(parsed);
        return found;
    }
}
