"""How risky a merge is: what makes a supervisor look before two records become one."""

from typing import Final

from django.utils.translation import gettext as _

from umis.identity.models import CandidatePair, Merge
from umis.people.models import Person

# A merge the model is less sure of than this needs a supervisor.
APPROVAL_BELOW: Final = 0.99


def merge_risk(
    survivor: Person, absorbed: Person, pair: CandidatePair | None
) -> tuple[str, list[str]]:
    """``(Merge.Risk, reasons)``: high when the model is unsure or the records contradict."""
    reasons = []
    if pair is None or pair.match_probability < APPROVAL_BELOW:
        # xgettext:no-python-format
        reasons.append(_("the matching model is less than 99% sure"))
    if survivor.sex != absorbed.sex and "X" not in (survivor.sex, absorbed.sex):
        reasons.append(_("the records give different sexes"))
    if _dates_contradict(survivor, absorbed):
        reasons.append(_("the dates of birth cannot be the same"))
    mine = set(survivor.citizenships.values_list("country_id", flat=True))
    theirs = set(absorbed.citizenships.values_list("country_id", flat=True))
    if mine and theirs and not mine & theirs:
        reasons.append(_("the records share no citizenship"))
    return (Merge.Risk.HIGH if reasons else Merge.Risk.LOW), reasons


def _dates_contradict(first: Person, second: Person) -> bool:
    if first.birth_date_low is None or second.birth_date_low is None:
        return False
    assert first.birth_date_high is not None
    assert second.birth_date_high is not None
    return (
        first.birth_date_high < second.birth_date_low
        or second.birth_date_high < first.birth_date_low
    )
