"""The ``umis`` command: Django's commands under the UMIS name, settings located early."""

import pytest

from umis.audit.events import AUDIT_VERIFIED
from umis.audit.services import record
from umis.cli import _data_dir_option, main
from umis.core.permissions import Actor


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "--data-dir", "/srv/umis"], "/srv/umis"),
        (["demo", "--data-dir=/srv/umis", "--no-serve"], "/srv/umis"),
        (["demo", "--no-serve"], None),
        (["demo", "--data-dir"], None),
    ],
)
def test_data_dir_option_is_read_before_the_settings(argv: list[str], expected: str | None) -> None:
    assert _data_dir_option(argv) == expected


def test_check_runs_with_the_umis_settings(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check"])

    assert capsys.readouterr().out == "System check identified no issues (0 silenced).\n"


@pytest.mark.django_db(transaction=True)
def test_audit_verify_exits_0_on_a_sound_chain(capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        record(actor=Actor.system("tests"), event=AUDIT_VERIFIED)

    main(["audit", "verify"])

    assert capsys.readouterr().out == "Audit chain intact: 3 events verified.\n"


@pytest.mark.django_db(transaction=True)
def test_audit_verify_exits_1_on_a_broken_chain(capsys: pytest.CaptureFixture[str]) -> None:
    # given a chain whose head records one more event than there is
    from umis.audit.models import ChainHead

    record(actor=Actor.system("tests"), event=AUDIT_VERIFIED)
    ChainHead.objects.filter(pk=1).update(seq=2)

    # when the command runs as from the shell
    with pytest.raises(SystemExit) as exited:
        main(["audit", "verify"])

    # then it fails with exit code 1 and says where
    assert exited.value.code == 1
    assert capsys.readouterr().err == (
        "CommandError: Audit chain broken at event #2: the chain should end at event #2 "
        "(1 events before it are sound).\n"
    )
