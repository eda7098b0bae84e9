"""What scenarios share: datasets and servers, built on first use and torn down at the end."""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path
from types import TracebackType

from bench import data, servers
from bench.data import Dataset
from bench.servers import Server

#: Seconds a new app server is left to warm up before it is used.
WARM_S = 3.0
#: Dataset name -> number of cases.
DATASETS = {"1k": 1_000, "100k": 100_000}


class Context:
    def __init__(self, sizes: dict[str, int] | None = None) -> None:
        self.sizes = sizes or DATASETS
        self._tmp = tempfile.TemporaryDirectory(prefix="signs-bench-")
        self.tmp = Path(self._tmp.name)
        self.databases = data.Databases(self.tmp)
        self._datasets: dict[str, Dataset] = {}
        self._servers: dict[str, Server] = {}

    def __enter__(self) -> Context:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        for server in self._servers.values():
            with contextlib.suppress(Exception):
                server.stop()
        self._servers.clear()
        try:
            self.databases.close()
        finally:
            self._tmp.cleanup()

    def dataset(self, name: str) -> Dataset:
        """The dataset called `name` (see DATASETS), built on first use."""
        if name not in self._datasets:
            n = self.sizes[name]
            print(f"  building dataset {name} ({n:,} cases)…", flush=True)
            ds = data.build(name, self.databases.new(name), n)
            print(f"  … {ds.people:,} people, {ds.seconds_to_build:.1f} s", flush=True)
            self._datasets[name] = ds
        return self._datasets[name]

    @property
    def datasets(self) -> dict[str, Dataset]:
        return dict(self._datasets)

    def app(self, dataset: str, workers: int = 1) -> Server:
        """The real app (uvicorn, `workers` processes) serving the dataset called `dataset`."""
        key = f"app-{dataset}" + (f"-{workers}w" if workers > 1 else "")
        if key not in self._servers:
            ds = self.dataset(dataset)
            self._servers[key] = servers.start(
                key,
                "app.main:app",
                ready_path="/healthz",
                log_dir=self.tmp,
                env={
                    "DATABASE_URL": ds.url,
                    "SECRET_KEY": "bench-only-not-secret",
                    "DEBUG": "false",
                },
                workers=workers,
            )
            # Each worker loads the plain-language dictionary in the background for about 2 s
            # after it starts: let that finish before anything is measured.
            time.sleep(WARM_S)
        return self._servers[key]

    def workers(self, dataset: str) -> int:
        """How many app processes production runs on the dataset's engine: on PostgreSQL,
        WEB_CONCURRENCY's default in the image (2); SQLite is served by one (`make run`)."""
        return 1 if self.dataset(dataset).url.startswith("sqlite") else 2

    def bare(self, workers: int = 1) -> Server:
        """The bare FastAPI app (bench/bare.py) with the same uvicorn settings."""
        key = "bare" + (f"-{workers}w" if workers > 1 else "")
        if key not in self._servers:
            self._servers[key] = servers.start(
                key, "bench.bare:app", ready_path="/bare/1", log_dir=self.tmp, workers=workers
            )
        return self._servers[key]

    def token_headers(self, dataset: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.dataset(dataset).token}"}
