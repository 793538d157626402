import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from umis.core.permissions import Actor
from umis.identity.engine.batch import DEFAULT_THRESHOLD
from umis.identity.engine.canonical import MalformedInput
from umis.identity.engine.files import DEFAULT_MODEL, dedupe_file, link_files
from umis.identity.engine.model import MODEL_FILE
from umis.identity.scan import model_train, registry_scan

EXIT_BAD_INPUT = 2


def _probability(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # files in, files out: no database involved
    help = (
        "Identity resolution on canonical CSV files "
        "(id,surname,given_names,patronymic,sex,date_of_birth,nationality,document_number,"
        "address). `umis identity link LEFT.csv RIGHT.csv --out PAIRS.csv` and "
        "`umis identity dedupe FILE.csv --out CLUSTERS.csv`; "
        "`umis identity scan` over the registry."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        link = actions.add_parser("link", help="Pairs of records that are the same person.")
        link.add_argument("left", type=Path)
        link.add_argument("right", type=Path)
        link.add_argument(
            "--all-pairs",
            action="store_true",
            help="Every pair above the threshold, not only each left record's best one.",
        )
        scan = actions.add_parser(
            "scan", help="Queue the registry's possible duplicates for review (needs the database)."
        )
        scan.add_argument(
            "--train",
            action="store_true",
            help="First retrain the registry's model, with officers' decisions as labels.",
        )
        dedupe = actions.add_parser("dedupe", help="Clusters of records of one person.")
        dedupe.add_argument("file", type=Path)
        for action in (link, dedupe):
            action.add_argument("--out", type=Path, required=True)
            action.add_argument(
                "--threshold",
                type=_probability,
                default=DEFAULT_THRESHOLD,
                help=f"Lowest match probability kept, 0 to 1 (default {DEFAULT_THRESHOLD}).",
            )
            action.add_argument(
                "--model",
                type=Path,
                help=f"Trained model (default: <data dir>/{MODEL_FILE}, else the shipped one).",
            )
            action.add_argument(
                "--train",
                action="store_true",
                help="Train the model on these records and save it (to --model or the data dir).",
            )

    def handle(self, *args: Any, **options: Any) -> None:
        self.started = time.perf_counter()
        if options["action"] == "scan":
            self._scan(train=options["train"])
            return
        inputs = (
            [options["left"], options["right"]]
            if options["action"] == "link"
            else [options["file"]]
        )
        for path in inputs:
            if not path.is_file():
                self._refuse(f"No such file: {path}")
        train = options["train"]
        try:
            if options["action"] == "link":
                count = link_files(
                    inputs[0],
                    inputs[1],
                    options["out"],
                    threshold=options["threshold"],
                    model_path=self._model(options["model"], train),
                    train=train,
                    best_only=not options["all_pairs"],
                    report=self._report,
                )
                self._report(f"{count:,} pairs written to {options['out']}")
            else:
                count = dedupe_file(
                    inputs[0],
                    options["out"],
                    threshold=options["threshold"],
                    model_path=self._model(options["model"], train),
                    train=train,
                    report=self._report,
                )
                self._report(f"{count:,} clusters written to {options['out']}")
        except MalformedInput as refused:
            self._refuse(str(refused))

    def _scan(self, *, train: bool) -> None:
        actor = Actor.system("identity-scan")
        if train:
            self._report(f"model saved to {model_train(actor, self._report)}")
        self._report(f"{registry_scan(actor, self._report):,} new pairs queued for review")

    def _model(self, given: Path | None, train: bool) -> Path:
        if given is not None:
            if not train and not given.is_file():
                self._refuse(f"No such model: {given}")
            return given
        saved = Path(settings.DATA_DIR) / MODEL_FILE
        return saved if train or saved.is_file() else DEFAULT_MODEL

    def _report(self, message: str) -> None:
        sys.stderr.write(f"[{time.perf_counter() - self.started:7.1f} s] {message}\n")
        sys.stderr.flush()

    def _refuse(self, message: str) -> None:
        sys.stderr.write(f"umis identity: {message}\n")
        sys.exit(EXIT_BAD_INPUT)
