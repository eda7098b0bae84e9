#!/bin/sh
# serve (default): migrate when RUN_MIGRATIONS=1, then uvicorn workers on 0.0.0.0:8000.
# An idle connection is kept open for KEEP_ALIVE_SECONDS (75), longer than the idle timeout
# of the proxy in front (60 s is usual), so the proxy never sends a request on a connection
# the app has just closed (a "connection reset").
# migrate | seed: one-off tasks. Anything else runs as given (e.g. `python -m app user create`).
set -eu

case "${1:-serve}" in
  serve)
    if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
      # Safe from several replicas at once: migrations take a PostgreSQL advisory lock.
      python -m app migrate
    fi
    exec uvicorn app.main:app --host 0.0.0.0 --port 8000 \
      --workers "${WEB_CONCURRENCY:-2}" --proxy-headers \
      --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" --no-server-header \
      --timeout-graceful-shutdown "${GRACEFUL_SHUTDOWN_SECONDS:-30}" \
      --timeout-keep-alive "${KEEP_ALIVE_SECONDS:-75}"
    ;;
  migrate)
    exec python -m app migrate
    ;;
  seed)
    exec python -m app seed
    ;;
  *)
    exec "$@"
    ;;
esac
