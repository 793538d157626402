import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from umis.core.permissions import Actor
from umis.people.imports import ImportFileError, error_report_csv, persons_import, read_rows


def _refuse_unless_utf8(path: Path) -> None:
    """Decode the whole file first: no row is imported from a file in another encoding."""
    try:
        with path.open(encoding="utf-8-sig") as stream:
            for _line in stream:
                pass
    except UnicodeDecodeError:
        raise CommandError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and import it again.")
        ) from None


class Command(BaseCommand):
    help = "Person registry tools. `umis people import FILE.csv` registers persons in bulk."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Import persons from a CSV file.")
        load.add_argument("file", type=Path)
        load.add_argument("--source", default="", help="Sending system (default: file name).")
        load.add_argument("--report", type=Path, help="Write the per-row error report here.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        _refuse_unless_utf8(path)
        source = options["source"] or path.stem
        with path.open(newline="", encoding="utf-8-sig") as stream:
            try:
                rows = read_rows(stream)
            except ImportFileError as refused:
                raise CommandError(refused.message) from None
            batch = persons_import(
                actor=Actor.system("people-import"),
                rows=rows,
                source=source,
                filename=path.name,
                progress=self._progress,
            )
        sys.stderr.write("\n")
        self.stdout.write(
            f"{batch.total_rows} rows: {batch.created_rows} registered, "
            f"{batch.unchanged_rows} already imported, {batch.failed_rows} refused."
        )
        report = options["report"] or path.with_suffix(".errors.csv")
        if batch.failed_rows:
            report.write_text(error_report_csv(batch), encoding="utf-8")
            self.stdout.write(f"Refused rows and reasons: {report}")
            for error in batch.errors[:10]:
                self.stdout.write(f"  line {error['line']}: {error['message']}")

    def _progress(self, count: int) -> None:
        sys.stderr.write(f"\r{count} rows read")
        sys.stderr.flush()
