"""uvicorn in a subprocess on 127.0.0.1: the real app on a dataset, or the bare app.

Both are started with the same settings (one worker, no access log, uvloop/httptools as
installed), so their throughput compares like with like.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.config import ROOT

HOST = "127.0.0.1"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
_CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def processes(self) -> list[int]:
        """The processes serving: uvicorn's workers under its supervisor, or the one process."""
        kids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == self.process.pid:
                    kids.append(int(entry.name))
        return kids or [self.process.pid]

    def cpu_seconds(self) -> float:
        """User + system CPU the serving processes have used so far (Linux /proc)."""
        total = 0
        for pid in self.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return float("nan")
            total += int(fields[11]) + int(fields[12])
        return total / _CLK_TCK

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_TIMEOUT_S)


def start(
    name: str,
    app_path: str,
    *,
    ready_path: str,
    log_dir: Path,
    env: dict[str, str] | None = None,
    workers: int = 1,
) -> Server:
    """Start `uvicorn app_path` and wait until `ready_path` answers 200."""
    port = free_port()
    log = log_dir / f"{name}.log"
    full_env = {**os.environ, **(env or {})}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        app_path,
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=out)
    server = Server(name=name, process=process, port=port, log=log)
    deadline = time.monotonic() + START_TIMEOUT_S
    with httpx.Client(base_url=server.base_url, timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                if client.get(ready_path).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    server.stop()
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{name} did not become ready on {server.base_url}{ready_path}:\n{tail}")
