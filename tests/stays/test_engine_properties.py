"""Properties of the stay engine, and agreement with a brute-force day-by-day reading."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from stay_reference import reference

from umis.stays.engine import Basis, Period, RuleKind, Stay, StayRule, stay_status

START = date(2026, 1, 1)
ON = date(2026, 6, 30)


def _day(offset: int) -> date:
    return START + timedelta(days=offset)


@st.composite
def rules(draw: st.DrawFn, kinds: tuple[RuleKind, ...] = tuple(RuleKind)) -> StayRule:
    kind = draw(st.sampled_from(kinds))
    window = draw(st.integers(1, 60))
    return StayRule(kind=kind, max_days=draw(st.integers(0, window)), window_days=window)


@st.composite
def stay_lists(draw: st.DrawFn, open_last: bool = True) -> list[Stay]:
    """Disjoint complete stays; the latest may still be open."""
    cuts = sorted(set(draw(st.lists(st.integers(0, 200), min_size=0, max_size=10))))
    stays = [Stay(_day(a), _day(b)) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    if open_last and draw(st.booleans()):
        last = (cuts[-1] + 1) if cuts else 0
        stays.append(Stay(_day(last + draw(st.integers(0, 20))), None))
    return stays


@st.composite
def period_lists(draw: st.DrawFn) -> list[Period]:
    spans = draw(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=2))
    return [Period(Basis.TRP, _day(a), _day(a + length)) for a, length in spans]


def _figures(rule: StayRule, stays: list[Stay], on: date, periods: list[Period] | None = None):
    status = stay_status(on=on, stays=stays, rules=[rule], periods=periods or [])
    return status.present, status.days_used, status.overstay_days, status.lawful_until


@settings(max_examples=150, deadline=None)
@given(rules(), stay_lists(), period_lists(), st.integers(0, 230))
def test_fast_engine_agrees_with_day_by_day_reference(rule, stays, periods, offset) -> None:
    on = _day(offset)
    assert _figures(rule, stays, on, periods) == reference(rule, stays, periods, on)


@settings(max_examples=100, deadline=None)
@given(rules((RuleKind.ROLLING,)), stay_lists(open_last=False), st.data())
def test_splitting_a_stay_never_changes_the_totals(rule, stays, data) -> None:
    """Leaving and coming back the same day splits one stay in two: same days, same figures."""
    if not stays:
        return
    index = data.draw(st.integers(0, len(stays) - 1))
    stay = stays[index]
    assert stay.entry
    assert stay.exit
    cut = stay.entry + timedelta(days=data.draw(st.integers(0, (stay.exit - stay.entry).days)))
    split = [*stays[:index], Stay(stay.entry, cut), Stay(cut, stay.exit), *stays[index + 1 :]]
    assert _figures(rule, split, ON)[1:3] == _figures(rule, stays, ON)[1:3]


@settings(max_examples=100, deadline=None)
@given(rules(), stay_lists(open_last=False), st.integers(0, 230))
def test_adding_a_day_never_reduces_days_used(rule, stays, offset) -> None:
    on = _day(offset)
    before = _figures(rule, stays, on)[1]
    longer = [Stay(s.entry, s.exit + timedelta(days=1)) if s.exit else s for s in stays]
    assert _figures(rule, longer, on)[1] >= before


@settings(max_examples=100, deadline=None)
@given(rules(), stay_lists(), period_lists(), st.integers(0, 230), st.randoms())
def test_results_do_not_depend_on_input_order(rule, stays, periods, offset, shuffler) -> None:
    on = _day(offset)
    shuffled_stays, shuffled_periods = stays[:], periods[:]
    shuffler.shuffle(shuffled_stays)
    shuffler.shuffle(shuffled_periods)
    first = stay_status(on=on, stays=stays, rules=[rule], periods=periods)
    second = stay_status(on=on, stays=shuffled_stays, rules=[rule], periods=shuffled_periods)
    assert first == second


def test_reference_itself_counts_a_simple_case() -> None:
    """The reference must be able to disagree: a hand case it gets right on its own."""
    rule = StayRule(kind=RuleKind.ROLLING, max_days=2, window_days=5)
    stays = [Stay(_day(0), _day(2))]
    assert reference(rule, stays, [], _day(2)) == (True, 3, 1, _day(1))
