"""The ``umis`` command: Django's management commands under the UMIS name.

``umis demo``, ``umis serve``, ``umis migrate``, ``umis audit verify``,
``umis check --deploy`` … all run with the UMIS settings.
"""

import os
import sys


def _data_dir_option(argv: list[str]) -> str | None:
    """``--data-dir`` must be known before the settings load, so read it early."""
    for index, arg in enumerate(argv):
        if arg == "--data-dir" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    data_dir = _data_dir_option(args)
    if data_dir:
        os.environ["UMIS_DATA_DIR"] = os.path.abspath(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "umis.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["umis", *args])


if __name__ == "__main__":
    main()
