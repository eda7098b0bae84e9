#!/bin/sh
# serve (default): migrate when RUN_MIGRATIONS=1, then uvicorn workers on 0.0.0.0:8000.
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
      --timeout-graceful-shutdown "${GRACEFUL_SHUTDOWN_SECONDS:-30}"
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
