import resource
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, TextIO

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.module_loading import import_string

from umis.core.permissions import Actor
from umis.demo.accounts import DemoAccount, ensure_demo_accounts
from umis.demo.population.generator import DEFAULT_SEED, PopulationSpec
from umis.demo.population.progress import Progress
from umis.demo.population.truth import TRUTH_FILENAME
from umis.demo.population.writer import SeedMismatch, population_generate
from umis.people.models import Person

DEFAULT_PERSONS = 2_000


class Command(BaseCommand):
    help = (
        "Prepare a demonstration installation (SQLite under the data directory, reference "
        "data, one account per role, a synthetic population of foreigners) and serve it."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--data-dir", help="Where the database and files live (default ./var).")
        parser.add_argument("--no-serve", action="store_true", help="Prepare, then exit.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo database first and start anew."
        )
        parser.add_argument(
            "--persons",
            type=int,
            default=DEFAULT_PERSONS,
            help=f"Top the registry up to this many synthetic persons ({DEFAULT_PERSONS:,}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the synthetic population ({DEFAULT_SEED}): same seed, same persons.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["reset"]:
            self._reset()
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready, reference data loaded.")
        accounts = ensure_demo_accounts(Actor.system("demo"))
        # The raw stream, not self.stderr: the progress line redraws itself with "\r".
        self._populate(options["persons"], options["seed"], options.get("stderr") or sys.stderr)
        self._print_accounts(accounts, options["host"], options["port"])
        self._run_app_steps()
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])

    def _populate(self, persons: int, seed: int, progress_stream: TextIO) -> None:
        if persons <= 0:
            return
        progress = Progress(persons, initial=Person.objects.count(), stream=progress_stream)
        try:
            result = population_generate(
                actor=Actor.system("demo"),
                persons=persons,
                spec=PopulationSpec(seed=seed),
                truth_path=settings.DATA_DIR / TRUTH_FILENAME,
                on_chunk=progress.advance,
            )
        except SeedMismatch as error:
            raise CommandError(f"{error}: pass that --seed, or --reset.") from error
        progress.close()
        if result.generated:
            rate = result.generated / max(result.seconds, 1e-9)
            self.stdout.write(
                f"Generated {result.generated:,} synthetic persons in {result.seconds:.1f} s "
                f"({rate:,.0f}/s), {result.duplicates:,} of them near-duplicates "
                f"(see {TRUTH_FILENAME}); peak memory {_peak_rss_mb():,.0f} MB."
            )
        self.stdout.write(f"Persons in the registry: {result.total:,}.")

    def _run_app_steps(self) -> None:
        """Apps add their own demo data through a ``demo_step`` on their AppConfig
        (a dotted path to ``fn(actor) -> lines to print``), so this command never names them."""
        for config in apps.get_app_configs():
            step = getattr(config, "demo_step", None)
            if step:
                for line in import_string(step)(Actor.system("demo")):
                    self.stdout.write(line)

    def _reset(self) -> None:
        if connection.vendor != "sqlite":
            self.stderr.write("--reset only deletes the embedded SQLite database; skipped.")
            return
        (settings.DATA_DIR / TRUTH_FILENAME).unlink(missing_ok=True)
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


def _peak_rss_mb() -> float:
    """Peak resident memory of this process and of the largest finished worker (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024
