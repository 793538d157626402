from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.audit.selectors import chain_verify


class Command(BaseCommand):
    help = "Audit trail tools. `umis audit verify` re-computes the hash chain."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("verify", help="Re-compute the chain and report the first broken link.")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = chain_verify()
        if broken:
            raise CommandError(
                f"Audit chain broken at event #{broken.seq}: {broken.reason} "
                f"({checked} events before it are sound).",
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events verified."))
