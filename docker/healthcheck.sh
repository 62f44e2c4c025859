#!/bin/sh
# The image's HEALTHCHECK: GET /health on the port the service listens on, as the environment sets
# it (SERVER_PORT or EVENT_INGEST_SERVER_PORT), else the image's default 8080.
port="${EVENT_INGEST_SERVER_PORT:-${SERVER_PORT:-8080}}"
exec wget -q -O /dev/null "http://127.0.0.1:${port}/health"
