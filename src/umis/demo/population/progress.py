"""A one-line progress bar on stderr (tqdm is not a dependency)."""

import sys
import time
from typing import TextIO

WIDTH = 30


class Progress:
    """Redraws one line on a terminal; elsewhere (logs, CI) writes a line per update."""

    def __init__(
        self, total: int, *, initial: int = 0, label: str = "persons", stream: TextIO | None = None
    ) -> None:
        self.total, self.initial, self.label = total, initial, label
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0  # since this run started; the bar shows initial + done
        self.started = time.perf_counter()
        self.interactive = self.stream.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = self.done / elapsed
        shown = self.initial + self.done
        share = shown / self.total if self.total else 1.0
        filled = round(WIDTH * share)
        remaining = (self.total - shown) / rate if rate else 0.0
        line = (
            f"[{'#' * filled}{'.' * (WIDTH - filled)}] {shown:,}/{self.total:,} "
            f"{self.label} {share:4.0%}  {rate:,.0f}/s  {remaining:,.0f} s left"
        )
        self.stream.write(f"\r{line}" if self.interactive else f"{line}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")
            self.stream.flush()
