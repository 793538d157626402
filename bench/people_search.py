"""Benchmark: person search by name + year of birth over a generated population.

    d=/tmp/bench-pg; url=$(scripts/pg-throwaway start $d | tail -n1)
    uv run python bench/people_search.py --database-url $url --data-dir $d/umis --persons 1000000
    uv run python bench/people_search.py --data-dir /tmp/bench-sqlite --persons 100000
    scripts/pg-throwaway stop $d

See bench/README.md for what is measured and how.
"""

import argparse
import os
import sys
from pathlib import Path


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL URL; SQLite under --data-dir without")
    parser.add_argument("--data-dir", required=True, type=Path, help="keep it with the database")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=600, help="queries per path (600)")
    parser.add_argument("--scan-queries", type=int, default=50, help="for the rapidfuzz scan")
    parser.add_argument("--icontains-queries", type=int, default=50)
    parser.add_argument("--prepare-only", action="store_true", help="make the data and stop")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["UMIS_DATA_DIR"] = str(args.data_dir.resolve())
    if args.database_url:
        os.environ["UMIS_DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("UMIS_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "umis.settings")
    import django

    django.setup()
    from people_search_run import run

    run(args)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
