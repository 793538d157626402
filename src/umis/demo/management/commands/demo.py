from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from umis.core.permissions import Actor
from umis.demo.accounts import DemoAccount, ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Prepare a demonstration installation (SQLite under the data directory, reference "
        "data, one account per role) and serve it."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--data-dir", help="Where the database and files live (default ./var).")
        parser.add_argument("--no-serve", action="store_true", help="Prepare, then exit.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo database first and start anew."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            self._reset()
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready, reference data loaded.")
        accounts = ensure_demo_accounts(Actor.system("demo"))
        self._print_accounts(accounts, options["host"], options["port"])
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])

    def _reset(self) -> None:
        if connection.vendor != "sqlite":
            self.stderr.write("--reset only deletes the embedded SQLite database; skipped.")
            return
        connection.close()
        database = Path(settings.DATABASES["default"]["NAME"])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        self.stdout.write(f"Deleted {database}.")

    def _print_accounts(self, accounts: list[DemoAccount], host: str, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(f"UMIS demo: http://{host}:{port}/")
        self.stdout.write("Demo accounts (one-time passwords: choose your own at first sign-in):")
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            password = account.password or "(already chosen by the user)"
            self.stdout.write(f"  {account.username:<{width}}  {password}  [{account.agency}]")
        self.stdout.write("")
