"""The real app served by uvicorn in a subprocess on 127.0.0.1, for tests that need real
clients over HTTP: the browser walks, and concurrent writers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.config import ROOT


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"uvicorn exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    pytest.fail(f"uvicorn did not answer {url}/healthz within 30 seconds:\n{log.read_text()}")


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def serve(
    workers: int = 1, env: dict[str, str] | None = None, args: list[str] | None = None
) -> Iterator[str]:
    """Serve the app with this process's environment (the same test database and the same
    cheap Argon2 settings) plus `env`; yields its base URL and stops it afterwards."""
    with server(workers, env, args) as running:
        yield running.url


@contextmanager
def server(
    workers: int = 1, env: dict[str, str] | None = None, args: list[str] | None = None
) -> Iterator[Server]:
    """As `serve`, yielding the server process too (for tests that signal it)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="signs-uvicorn-", suffix=".log")[1])
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app"]
            + ["--host", "127.0.0.1", "--port", str(port), "--no-access-log",
               # As in production (docker/entrypoint.sh): an idle connection stays open
               # longer than a client waits between requests (uvicorn's 5 s default let a
               # client that waited at a start line send on a connection just closed).
               "--timeout-keep-alive", "75"]
            + (["--workers", str(workers)] if workers > 1 else [])
            + (args or []),
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(url, proc, log)
        yield Server(url, proc, log)
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if not os.environ.get("KEEP_SERVER_LOG"):
            log.unlink(missing_ok=True)
