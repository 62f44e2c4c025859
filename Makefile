# event-ingest: `make run` starts the service on local defaults, `make test` runs every test.
MVN ?= mvn -B
JAR := target/event-ingest.jar
SHARED_DIR ?= $(CURDIR)/shared
PIPELINE_URL ?= http://127.0.0.1:8082/api/v1/pipeline

.PHONY: build run test package docker clean bench bench-e2e bench-start bench-flood bench-kafka stress

build:
	$(MVN) -q package -DskipTests

$(JAR): pom.xml $(shell find src/main -type f)
	$(MVN) -q package -DskipTests

# The service on local defaults: files under ./shared/events, pipeline-apid expected on loopback.
run: $(JAR)
	mkdir -p "$(SHARED_DIR)"
	@# Ctrl-C (130) and TERM (143) are how the service is stopped here, not failures for make to report:
	@# the shell waits for the service's graceful stop (its trap is a handler, so java still gets the signal).
	trap : INT TERM; SHARED_DIR="$(SHARED_DIR)" PIPELINE_URL="$(PIPELINE_URL)" java -jar $(JAR) server event-ingest.toml; \
		status=$$?; [ $$status -eq 0 ] || [ $$status -eq 130 ] || [ $$status -eq 143 ] || exit $$status

# Unit and in-process integration tests (Surefire), then the packaged jar and entrypoint (Failsafe).
test:
	$(MVN) verify

package:
	$(MVN) package

# The delivery and tick tests STRESS_RUNS times in a row beside 4 busy loops (two cores, loaded);
# stops at the first red run.
STRESS_RUNS ?= 20
STRESS_TESTS ?= PipelineDeliveryTest,DeliveryQueueTest,TickLoopTest,EventTickJobTest,GeneratorTasksTest
stress:
	$(MVN) -o -q test-compile
	@pids=""; trap 'kill $$pids 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	for i in 1 2 3 4; do sh -c 'while :; do :; done' & pids="$$pids $$!"; done; \
	green=0; \
	for run in $$(seq 1 $(STRESS_RUNS)); do \
		if $(MVN) -o -q surefire:test -Dtest='$(STRESS_TESTS)' -Dsurefire.rerunFailingTestsCount=0; then \
			green=$$((green + 1)); \
		else \
			echo "run $$run red"; break; \
		fi; \
	done; \
	echo "$$green of $(STRESS_RUNS) runs green"; [ $$green -eq $(STRESS_RUNS) ]

docker:
	docker build -t event-ingest .

clean:
	$(MVN) -q clean
	rm -rf "$(SHARED_DIR)"

# JMH benchmarks of the hot parts (line serialization, world generation, a whole tick); BENCH=regex picks some.
BENCH ?= .
bench:
	$(MVN) -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -cp target/test-classes:target/classes:$$(cat target/bench.classpath) org.openjdk.jmh.Main -f 1 -wi 3 -i 5 -w 2s -r 2s '$(BENCH)'

# The service's own tick code at a large batch against a temporary directory, beside a raw write of the same bytes.
BENCH_EVENTS ?= 2000000
BENCH_TICKS ?= 5
bench-e2e: $(JAR)
	java -Xmx64m -jar $(JAR) bench event-ingest.toml --events $(BENCH_EVENTS) --ticks $(BENCH_TICKS) --interval 1

# java -jar to /ready = 200, the service against the smallest Dropwizard app, alternately (admin port 8081 must be free).
BENCH_RUNS ?= 10
QUIET_JVM := -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC # the timer takes little CPU from the timed
bench-start: $(JAR)
	$(MVN) -q test-compile
	java $(QUIET_JVM) -cp target/test-classes:$(JAR) org.eventingest.bench.StartBenchmark \
		$(JAR) event-ingest.toml $(BENCH_RUNS) target/test-classes

# The Kafka output (ticks of KAFKA_EVENTS events, one transaction each) beside Kafka's ProducerPerformance, one broker.
KAFKA_EVENTS ?= 200000
KAFKA_TICKS ?= 6
KAFKA_ROUNDS ?= 3
bench-kafka:
	$(MVN) -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -Xmx1g -cp target/test-classes:target/classes:$$(cat target/bench.classpath) -Dkafka.staged.dir=target/kafka-broker \
		org.eventingest.bench.KafkaBenchmark $(KAFKA_EVENTS) $(KAFKA_TICKS) $(KAFKA_ROUNDS)

# Readers against the packaged service: 30 of a 10,000,000-cell world under -Xmx1g, then 2,000 of the default world at interval 1.
FLOOD_ROUNDS ?= 5
FLOOD_SECONDS ?= 30
bench-flood: $(JAR)
	$(MVN) -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -cp target/test-classes:target/classes:$$(cat target/bench.classpath) -Dapp.jar=$(JAR) \
		org.eventingest.bench.FloodBenchmark $(FLOOD_ROUNDS) $(FLOOD_SECONDS)
