# Build stage: the jar as `make build` builds it (the tests run in CI, `make test`, not in the image build).
FROM docker.io/library/maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# Runtime stage: Alpine JRE, a fixed non-root UID/GID (10001, for runAsNonRoot and bind mounts),
# config inside the image, /shared mounted.
FROM docker.io/library/eclipse-temurin:17.0.15_6-jre-alpine
RUN addgroup -S -g 10001 eventingest && adduser -S -u 10001 -G eventingest eventingest \
    && mkdir -p /shared && chown 10001:10001 /shared
WORKDIR /app
COPY --from=build /src/target/event-ingest.jar /app/event-ingest.jar
COPY event-ingest.toml /app/event-ingest.toml
COPY docker/entrypoint.sh docker/healthcheck.sh /app/
# Class-data sharing: a short training run records the classes the service loads, which halves
# the start time (see docs/performance.md). The entrypoint uses the archive when it is there.
RUN SHARED_DIR=/tmp/cds-training PIPELINE_URL=http://127.0.0.1:9/api/v1/pipeline \
      sh -c 'java -XX:ArchiveClassesAtExit=/app/app.jsa -jar /app/event-ingest.jar server /app/event-ingest.toml \
      & pid=$!; sleep 15; kill -TERM $pid; wait $pid; rm -rf /tmp/cds-training; test -f /app/app.jsa'
USER 10001:10001
ENV SHARED_DIR=/shared
VOLUME /shared
# 8080: the application API (SERVER_PORT moves it). 8081: admin, bound to 127.0.0.1 inside the
# container unless ADMIN_HOST=0.0.0.0, which needs ADMIN_TOKEN (docs/operations.md: Prometheus).
EXPOSE 8080 8081
# Follows SERVER_PORT: the check asks the port the service listens on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/entrypoint.sh"]
