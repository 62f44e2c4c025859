# event-ingest: `make run` starts the service on local defaults, `make test` runs every test.
MVN ?= mvn -B
JAR := target/event-ingest.jar
SHARED_DIR ?= $(CURDIR)/shared
PIPELINE_URL ?= http://127.0.0.1:8082/api/v1/pipeline

.PHONY: build run test package docker clean

build:
	$(MVN) -q package -DskipTests

$(JAR): pom.xml $(shell find src/main -type f)
	$(MVN) -q package -DskipTests

# The service on local defaults: files under ./shared/events, pipeline-apid expected on loopback.
run: $(JAR)
	mkdir -p "$(SHARED_DIR)"
	SHARED_DIR="$(SHARED_DIR)" PIPELINE_URL="$(PIPELINE_URL)" java -jar $(JAR) server event-ingest.toml

# Unit and in-process integration tests (Surefire), then the packaged jar and entrypoint (Failsafe).
test:
	$(MVN) verify

package:
	$(MVN) package

docker:
	docker build -t event-ingest .

clean:
	$(MVN) -q clean
	rm -rf "$(SHARED_DIR)"
