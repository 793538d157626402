from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from umis.core import i18n


class Command(BaseCommand):
    help = (
        "Compile every .po under LOCALE_PATHS to a reproducible .mo (no GNU gettext needed). "
        "--check verifies the committed .mo files, that every non-English entry is "
        "translated and that no message in the sources is missing from the catalogues; "
        "--extract first re-extracts the messages with makemessages."
    )
    # Catalogues never depend on the URLs or models being sound.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 1 if a .mo is stale or missing, an entry is "
            "untranslated, fuzzy or has wrong placeholders, or the sources hold messages "
            "the catalogues lack (run --extract).",
        )
        mode.add_argument(
            "--extract",
            action="store_true",
            help="Run makemessages over the package for every language in settings.LANGUAGES "
            "(needs GNU gettext), tidy the headers, then compile.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self._check()
            return
        if options["extract"]:
            languages = [code for code, _name in settings.LANGUAGES]
            i18n.extract(languages, verbosity=options["verbosity"])
        self._compile(verbosity=options["verbosity"])

    def _compile(self, verbosity: int) -> None:
        catalogues = i18n.catalogues()
        if not catalogues:
            raise CommandError("No .po files under LOCALE_PATHS.")
        for catalogue in catalogues:
            po = catalogue.load()
            data = i18n.compile_mo(po)
            unchanged = catalogue.mo_path.exists() and catalogue.mo_path.read_bytes() == data
            if not unchanged:
                catalogue.mo_path.write_bytes(data)
            entries = [entry for entry in po if not entry.obsolete]
            translated = len(po.translated_entries())
            todo = len(entries) - translated
            if verbosity:
                self.stdout.write(
                    f"{catalogue.language}/{catalogue.domain}: {len(entries)} entries, "
                    f"{translated} translated → {catalogue.mo_path.name} "
                    f"{'unchanged' if unchanged else 'written'}"
                )
            if todo and catalogue.language != i18n.SOURCE_LANGUAGE:
                self.stderr.write(
                    f"{catalogue.language}/{catalogue.domain}: {todo} entries still need a "
                    "translation (see --check)"
                )

    def _check(self) -> None:
        problems = list(i18n.iter_problems())
        for catalogue, problem in problems:
            self.stderr.write(f"{catalogue.po_path}: {problem}")
        if problems:
            raise CommandError(
                f"{len(problems)} catalogue problem(s); translate the entries, then run "
                "`umis compilecatalogs`.",
                returncode=1,
            )
        self.stdout.write(f"{len(i18n.catalogues())} catalogues are complete and compiled.")
