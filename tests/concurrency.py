"""Running work in threads at the same moment, each thread with its own connection."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Start every worker at once, each with its own connection; return their errors."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(workers))

    def run(work: Callable[[], None]) -> None:
        try:
            start.wait()
            work()
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors
