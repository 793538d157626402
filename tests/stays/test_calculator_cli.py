"""`umis stay calculate`: the JSON contract of the issue, and exit 2 on bad input."""

import json
import subprocess
import sys

import pytest

from umis.stays.engine.calculator import CalculatorInputError, calculate

QUESTION = {
    "rule": {"kind": "rolling", "max_days": 90, "window_days": 180},
    "stays": [{"entry": "2026-01-01", "exit": "2026-03-31"}],
    "on": "2026-04-10",
    "plan_entry": "2026-06-30",
}


def _run(text: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "umis.cli", "stay", "calculate"],
        input=text,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def test_cli_answers_the_contract(child_environ: dict[str, str]) -> None:
    done = _run(json.dumps(QUESTION), child_environ)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    # Absent on 10 Apr: the window 13 Oct - 10 Apr holds all 90 days of Jan-Mar.
    assert answer["days_used"] == 90
    assert answer["overstay_days"] == 0
    assert answer["max_days_from_entry"] == 90
    assert answer["last_legal_day"] == "2026-09-27"
    assert answer["explanation"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"rule": {"kind": "weekly", "max_days": 3}, "on": "2026-01-01"}', "rule.kind"),
        ('{"rule": {"kind": "per_entry", "max_days": 30}, "on": "2026-02-30"}', "not a valid date"),
        (
            '{"rule": {"kind": "per_entry", "max_days": 30}, "on": "2026-02-01",'
            ' "stays": [{"entry": "2026-01-10", "exit": "2026-01-01"}]}',
            "exit is before the entry",
        ),
    ],
)
def test_cli_refuses_malformed_input_with_exit_2(
    text: str, message: str, child_environ: dict[str, str]
) -> None:
    done = _run(text, child_environ)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_per_entry_question_without_plan() -> None:
    answer = calculate(
        {
            "rule": {"kind": "per_entry", "max_days": 30},
            "stays": [{"entry": "2026-01-01", "exit": None}],
            "on": "2026-02-15",
        }
    ).to_json()
    # 1 Jan - 15 Feb is 46 days; day 30 is 30 Jan.
    assert (answer["days_used"], answer["overstay_days"], answer["last_legal_day"]) == (
        46,
        16,
        "2026-01-30",
    )
    assert "max_days_from_entry" not in answer


def test_rolling_maximum_cannot_exceed_window() -> None:
    with pytest.raises(CalculatorInputError, match="cannot be more than"):
        calculate(
            {"rule": {"kind": "rolling", "max_days": 9, "window_days": 5}, "on": "2026-01-01"}
        )
