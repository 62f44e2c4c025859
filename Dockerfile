# Build stage: the same Maven build as `make package`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# Runtime stage: Alpine JRE, non-root, config inside the image, /shared mounted.
FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S eventingest && adduser -S -G eventingest eventingest \
    && mkdir -p /shared && chown eventingest:eventingest /shared
WORKDIR /app
COPY --from=build /src/target/event-ingest.jar /app/event-ingest.jar
COPY event-ingest.toml /app/event-ingest.toml
COPY docker/entrypoint.sh /app/entrypoint.sh
# Class-data sharing: a short training run records the classes the service loads, which halves
# the start time (see docs/performance.md). The entrypoint uses the archive when it is there.
RUN SHARED_DIR=/tmp/cds-training PIPELINE_URL=http://127.0.0.1:9/api/v1/pipeline \
      sh -c 'java -XX:ArchiveClassesAtExit=/app/app.jsa -jar /app/event-ingest.jar server /app/event-ingest.toml \
      & pid=$!; sleep 15; kill -TERM $pid; wait $pid; rm -rf /tmp/cds-training; test -f /app/app.jsa'
USER eventingest
ENV SHARED_DIR=/shared
VOLUME /shared
# 8080: application API; 8081: admin (bound to 127.0.0.1 unless [admin] host is changed).
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
