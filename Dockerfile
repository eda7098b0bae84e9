# syntax=docker/dockerfile:1
# The app image: migrations, then uvicorn workers. Stateless; every replica talks to the same
# PostgreSQL (see README, "Running in production"). Not built on the machine this was written
# on (no Docker engine there): linted with hadolint.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /src
# Dependencies first, from the lockfile only, so this layer is reused until the lock changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY app ./app
COPY migrations ./migrations
COPY alembic.ini README.md ./
RUN uv sync --frozen --no-dev

FROM python:3.11-slim-bookworm AS runtime
# Pango and HarfBuzz for WeasyPrint (family PDFs); DejaVu as a fallback font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0=1.50.* libpangoft2-1.0-0=1.50.* libharfbuzz0b=6.0.* \
        libharfbuzz-subset0=6.0.* fonts-dejavu-core=2.37-* \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /srv --shell /usr/sbin/nologin app
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WEB_CONCURRENCY=2 \
    RUN_MIGRATIONS=1 \
    FORWARDED_ALLOW_IPS=127.0.0.1
WORKDIR /srv
COPY --from=build /opt/venv /opt/venv
COPY --from=build /src/app ./app
COPY --from=build /src/migrations ./migrations
COPY --from=build /src/alembic.ini ./
COPY docker/entrypoint.sh /usr/local/bin/entrypoint
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["/usr/local/bin/entrypoint"]
CMD ["serve"]
