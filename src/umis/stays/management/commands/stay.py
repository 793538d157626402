import csv
import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from umis.core.permissions import Actor
from umis.stays.engine.calculator import CalculatorInputError, calculate
from umis.stays.ingest import MAX_BATCH, crossings_ingest

EXIT_BAD_INPUT = 2
CSV_FIELDS = ("source_ref", "direction", "at", "person", "point", "document_kind",
              "document_number", "nationality", "purpose")  # fmt: skip
TRAVELLER_FIELDS = ("surname", "given_names", "sex", "birth_date")


def _record(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {k: row[k] for k in CSV_FIELDS if row.get(k)}
    traveller = {k: row[k] for k in TRAVELLER_FIELDS if row.get(k)}
    if traveller:
        record["traveller"] = traveller
    return record


class Command(BaseCommand):
    help = (
        "Stay tools. `umis stay calculate` reads a JSON question on stdin and prints the "
        "answer; `umis stay import FILE.csv` records border crossings from a CSV file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("calculate", help="JSON on stdin -> JSON on stdout.")
        load = actions.add_parser("import", help="Record crossings from a CSV file.")
        load.add_argument("file", type=Path)
        load.add_argument("--agency", default="SBS", help="Sending agency (default SBS).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "calculate":
            self._calculate()
        else:
            self._import(options["file"], options["agency"])

    def _calculate(self) -> None:
        try:
            document = json.loads(sys.stdin.read())
        except json.JSONDecodeError as error:
            self._refuse(f"The input is not JSON: {error.msg} (line {error.lineno}).")
        try:
            answer = calculate(document).to_json()
        except CalculatorInputError as refused:
            self._refuse(str(refused))
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))

    def _refuse(self, message: str) -> None:
        sys.stderr.write(f"umis stay calculate: {message}\n")
        sys.exit(EXIT_BAD_INPUT)

    def _import(self, path: Path, agency: str) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = Actor.system("stay-import")
        actor = Actor(None, actor.username, agency.upper(), "system", actor.permissions)
        totals = dict.fromkeys(
            ("accepted", "duplicates", "rejected", "registered", "linked", "review"), 0
        )
        with path.open(newline="", encoding="utf-8-sig") as stream:
            rows = list(csv.DictReader(stream))
        for start in range(0, len(rows), MAX_BATCH):
            result = crossings_ingest(
                actor=actor, records=[_record(r) for r in rows[start : start + MAX_BATCH]]
            )
            totals["accepted"] += result.accepted
            totals["duplicates"] += result.duplicates
            totals["rejected"] += len(result.rejected)
            totals["registered"] += result.persons_registered
            totals["linked"] += result.persons_linked
            totals["review"] += result.persons_for_review
            for bad in result.rejected:
                self.stdout.write(f"  line {start + bad['index'] + 2}: {bad['reason']}")
        self.stdout.write(
            f"{len(rows)} rows: {totals['accepted']} recorded, {totals['duplicates']} already "
            f"recorded, {totals['rejected']} refused; travellers: {totals['registered']} "
            f"registered ({totals['review']} of them for review), {totals['linked']} linked."
        )
