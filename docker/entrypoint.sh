#!/bin/sh
# Container entrypoint: starts event-ingest so that TERM and INT reach the JVM, waits for the JVM
# to exit (it finishes and publishes the tick in progress), and only then cleans the service's own
# subdirectory, $SHARED_DIR/events, as every service of the pipeline does with its own.
# CLEAN_EVENTS_ON_EXIT=false keeps the files. Messages go to stderr: stdout is the service's JSON log.
# EVENT_INGEST_WORLD_PARTITION=ordinal takes the world's partition from the hostname's last "-<number>", the
# ordinal of a Kubernetes StatefulSet's pod (event-ingest-2 is partition 2).
set -u

SHARED_DIR="${SHARED_DIR:-/shared}"
export SHARED_DIR
EVENTS_DIR="$SHARED_DIR/events"
APP_JAR="${APP_JAR:-/app/event-ingest.jar}"
APP_CONFIG="${APP_CONFIG:-/app/event-ingest.toml}"
CLEAN_EVENTS_ON_EXIT="${CLEAN_EVENTS_ON_EXIT:-true}"

say() {
    echo "entrypoint: $*" >&2
}

if [ "${EVENT_INGEST_WORLD_PARTITION:-}" = "ordinal" ]; then
    host="${HOSTNAME:-$(hostname)}"
    ordinal=""
    case "$host" in
        *-*) ordinal="${host##*-}" ;;
    esac
    case "$ordinal" in
        '' | *[!0-9]*)
            say "EVENT_INGEST_WORLD_PARTITION=ordinal needs a hostname ending in -<number> (a StatefulSet pod's), not '$host'"
            exit 1
            ;;
    esac
    EVENT_INGEST_WORLD_PARTITION="$ordinal"
    export EVENT_INGEST_WORLD_PARTITION
    say "world partition $ordinal (the ordinal of hostname $host)"
fi

mkdir -p "$EVENTS_DIR" || { say "cannot create $EVENTS_DIR"; exit 1; }

child=""
status=0

cleanup() {
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
        # Only reached if the script itself is dying first: never clean under a running JVM.
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    if [ "$CLEAN_EVENTS_ON_EXIT" = "true" ]; then
        rm -rf -- "$EVENTS_DIR"
        say "cleaned $EVENTS_DIR"
    else
        say "kept $EVENTS_DIR (CLEAN_EVENTS_ON_EXIT=$CLEAN_EVENTS_ON_EXIT)"
    fi
}

forward() {
    say "received $1, stopping event-ingest (pid $child)"
    [ -n "$child" ] && kill "-$1" "$child" 2>/dev/null
}

trap cleanup EXIT
trap 'forward TERM' TERM
trap 'forward INT' INT

CDS_ARCHIVE="${CDS_ARCHIVE:-/app/app.jsa}"
cds=""
[ -f "$CDS_ARCHIVE" ] && cds="-XX:SharedArchiveFile=$CDS_ARCHIVE"

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
java $cds ${JAVA_OPTS:-} -jar "$APP_JAR" server "$APP_CONFIG" &
child=$!

# wait returns early when a trapped signal arrives; keep waiting until the JVM is really gone.
wait "$child"
status=$?
while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    status=$?
done
say "event-ingest (pid $child) exited with status $status"
child=""
exit "$status"
