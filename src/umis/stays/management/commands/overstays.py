import csv
import json
from argparse import ArgumentParser
from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.stays.overstays import overstayers_on

COLUMNS = ["number", "nationality", "stay_entry", "days_used", "max_days", "overstay_days", "rule"]


class Command(BaseCommand):
    help = "Everyone overstaying on a date (set-based), as CSV or JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--on", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--nationality", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"])
        except ValueError:
            raise CommandError(f"--on must be a date YYYY-MM-DD, not {options['on']!r}.") from None
        rows = overstayers_on(on, nationality=options["nationality"].upper())
        records = [
            {k: str(v) if k == "stay_entry" else v for k, v in asdict(r).items() if k in COLUMNS}
            for r in rows
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps({"on": on.isoformat(), "overstayers": records}, indent=1))
            return
        writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
