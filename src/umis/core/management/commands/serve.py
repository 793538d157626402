import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from granian import Granian
from granian.constants import Interfaces


class Command(BaseCommand):
    help = "Serve UMIS with the Granian WSGI server (production-grade; use behind TLS)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=os.environ.get("UMIS_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("UMIS_PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("UMIS_WORKERS", "2")),
            help="Worker processes (default 2, or UMIS_WORKERS).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("UMIS_THREADS", "8")),
            help="Threads per worker for blocking requests (default 8).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/ (Ctrl+C stops)")
        self.stdout.flush()
        Granian(
            "umis.wsgi:application",
            address=options["host"],
            port=options["port"],
            interface=Interfaces.WSGI,
            workers=options["workers"],
            blocking_threads=options["threads"],
        ).serve()
