"""A real UMIS server for the HTTP benchmarks: ``umis serve`` (Granian) on a free port,
started for the run and stopped after it, with the benchmark's environment."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def umis_server(
    *, workers: int, threads: int, env: dict[str, str] | None = None
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """The port and process of a server with ``workers`` processes of ``threads`` threads."""
    port = _free_port()
    umis = Path(sys.executable).parent / "umis"
    command = [str(umis), "serve", "--port", str(port), "--workers", str(workers),
               "--threads", str(threads)]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 (our own command)
        command, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})}
    )
    try:
        _wait_for(port)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def peak_rss_mib(pid: int) -> float:
    """Largest peak resident memory (VmHWM) among a process and its children."""
    return max(_peak_kib(each) for each in _tree(pid)) / 1024


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            pids += _tree(int(child))
    return pids


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not listen on port {port}")
