"""`umis identity link` and `umis identity dedupe` on small files: exact output, refusals."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from umis.identity.engine.files import DEFAULT_MODEL

HEADER = "id,surname,given_names,patronymic,sex,date_of_birth,nationality,document_number,address"
LEFT = [
    'L1,Məmmədov,Əli,Həsən oğlu,M,1980-05-12,AZE,C01234567,"Baku, Nizami 5"',
    "L2,Иванов,Юрий,Петрович,M,1975-00-00,RUS,751234567,",
    "L3,ERIKSSON,ANNA MARIA,,F,1974-08-12,SWE,L898902C3,",
    'L4,Beridze,Nino,,F,1990-03-00,GEO,13AB45678,"Tbilisi, Rustaveli 10"',
    "L5,Mammadov,Ali,Hasan oglu,M,1980-05-00,AZE,,",  # the same person as L1
]
# Some columns absent, in another order; the same persons in other scripts and forms.
RIGHT = [
    "id,surname,given_names,date_of_birth,document_number,nationality,sex",
    "R1,MAMMADOV,ALI,1980-05-12,C01234567,AZE,M",  # L1 (and L5)
    "R2,IVANOV,IURII,1975-03-14,,RUS,M",  # L2: Doc 9303 romanisation, year only known left
    "R3,ANNA,ERIKSSON,1974-08-12,L898902C8,SWE,F",  # L3: names swapped, document typo
    "R4,Petrova,Olga,1985-01-01,X9999999,RUS,F",  # nobody
    "R5,ბერიძე,ნინო,1990-03-21,13AB45679,GEO,F",  # L4 in Georgian, document typo
    "R6,Beridze,Nana,1990-03-21,57CD12345,GEO,F",  # L4's twin sister: not L4
]


def _umis(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "umis.cli", "identity", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        check=False,
    )


def _file(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return _file(tmp_path, "left.csv", [HEADER, *LEFT[:4]]), _file(tmp_path, "right.csv", RIGHT)


def test_link_writes_each_left_records_best_right(
    files: tuple[Path, Path], tmp_path: Path, child_environ: dict[str, str]
) -> None:
    out = tmp_path / "pairs.csv"
    done = _umis(
        "link", str(files[0]), str(files[1]), "--out", str(out), "--model", str(DEFAULT_MODEL),
        environ=child_environ,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _rows(out)
    assert [(r["left_id"], r["right_id"]) for r in rows] == [
        ("L1", "R1"), ("L2", "R2"), ("L3", "R3"), ("L4", "R5"),
    ]  # fmt: skip
    assert all(0.9 <= float(r["match_probability"]) <= 1 for r in rows)
    assert "4 pairs written" in done.stderr


def test_link_with_all_pairs_and_a_low_threshold_shows_the_twin(
    files: tuple[Path, Path], tmp_path: Path, child_environ: dict[str, str]
) -> None:
    out = tmp_path / "pairs.csv"
    done = _umis(
        "link", str(files[0]), str(files[1]), "--out", str(out), "--model", str(DEFAULT_MODEL),
        "--all-pairs", "--threshold", "0.0001", environ=child_environ,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    probability = {(r["left_id"], r["right_id"]): float(r["match_probability"]) for r in _rows(out)}
    assert probability[("L4", "R6")] < 0.9 <= probability[("L4", "R5")]


def test_dedupe_clusters_one_person_across_scripts(
    tmp_path: Path, child_environ: dict[str, str]
) -> None:
    source = _file(tmp_path, "all.csv", [HEADER, *LEFT, "R4,Petrova,Olga,,F,1985-01-01,RUS,,"])
    out = tmp_path / "clusters.csv"
    done = _umis(
        "dedupe", str(source), "--out", str(out), "--model", str(DEFAULT_MODEL),
        environ=child_environ,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert {r["id"]: r["cluster_id"] for r in _rows(out)} == {
        "L1": "L1", "L2": "L2", "L3": "L3", "L4": "L4", "L5": "L1", "R4": "R4",
    }  # fmt: skip


def test_malformed_file_is_refused_with_line_and_reason(
    tmp_path: Path, child_environ: dict[str, str]
) -> None:
    source = _file(tmp_path, "bad.csv", [HEADER, LEFT[0], "L9,X,Y,,M,1980-13-01,AZE,,"])
    out = tmp_path / "clusters.csv"
    done = _umis("dedupe", str(source), "--out", str(out), environ=child_environ)
    assert done.returncode == 2
    assert f"{source}, line 3: date_of_birth '1980-13-01' is not a possible date" in done.stderr
    assert not out.exists()


def test_missing_file_and_bad_threshold_are_refused(
    tmp_path: Path, child_environ: dict[str, str]
) -> None:
    done = _umis("dedupe", str(tmp_path / "nope.csv"), "--out", "x.csv", environ=child_environ)
    assert done.returncode == 2
    assert "No such file" in done.stderr
    done = _umis("dedupe", "x.csv", "--out", "y.csv", "--threshold", "7", environ=child_environ)
    assert done.returncode == 2


def test_empty_files_give_a_header_only(tmp_path: Path, child_environ: dict[str, str]) -> None:
    empty = _file(tmp_path, "empty.csv", [HEADER])
    other = _file(tmp_path, "other.csv", [HEADER, LEFT[0]])
    out = tmp_path / "pairs.csv"
    done = _umis("link", str(empty), str(other), "--out", str(out), environ=child_environ)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "left_id,right_id,match_probability\n"
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("", encoding="utf-8")
    done = _umis("dedupe", str(nothing), "--out", str(out), environ=child_environ)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "id,cluster_id\n"
