"""The engine against examples worked out by hand; each docstring shows the working."""

from datetime import date

from umis.core.calendar import WorkingCalendar
from umis.stays.engine import (
    Basis,
    Period,
    Registration,
    RuleKind,
    Stay,
    StayRule,
    Visa,
    plan_stay,
    stay_status,
)

ROLLING_90_180 = StayRule(kind=RuleKind.ROLLING, max_days=90, window_days=180, code="R90")
VISA_FREE_90 = StayRule(kind=RuleKind.PER_ENTRY, max_days=90, code="VF90")
D = date.fromisoformat


def test_rolling_window_counts_both_entry_and_exit_days() -> None:
    """Stays 1-31 Jan (31 days) and from 1 Mar, asked on 15 Apr 2026.

    Window 18 Oct 2025 - 15 Apr 2026 holds 31 + 46 (1 Mar - 15 Apr) = 77 days.
    Staying on adds a day a day while January stays in the window (until 29 Jun),
    so day 90 is 15 Apr + 13 = 28 Apr; 29 Apr would be the 91st.
    """
    stays = [Stay(D("2026-01-01"), D("2026-01-31")), Stay(D("2026-03-01"), None)]
    status = stay_status(on=D("2026-04-15"), stays=stays, rules=[ROLLING_90_180])
    assert (status.present, status.days_used, status.overstay_days) == (True, 77, 0)
    assert status.lawful_until == D("2026-04-28")
    assert status.basis == Basis.VISA_FREE


def test_rolling_overstay_is_days_beyond_the_limit() -> None:
    """Present 1 Jan - 10 Apr 2026: 31 + 28 + 31 + 10 = 100 days, 10 over; day 90 was 31 Mar."""
    status = stay_status(
        on=D("2026-04-10"), stays=[Stay(D("2026-01-01"), None)], rules=[ROLLING_90_180]
    )
    assert (status.days_used, status.overstay_days) == (100, 10)
    assert status.lawful_until == D("2026-03-31")


def test_planning_an_entry_against_a_full_window() -> None:
    """After 1 Jan - 31 Mar 2026 (90 days) the window must empty before a new entry.

    Entering 29 Jun: its window 1 Jan - 29 Jun already holds 90, so 0 days.
    Entering 30 Jun: window 2 Jan - 30 Jun holds 89 + 1; each later day adds one
    and drops one January-March day, until 27 Sep (window 31 Mar - 27 Sep holds
    1 + 89 = 90). On 28 Sep the window starts 1 Apr: 91 days. So 90 days.
    """
    stays = [Stay(D("2026-01-01"), D("2026-03-31"))]
    blocked = plan_stay(entry=D("2026-06-29"), stays=stays, rules=[ROLLING_90_180])
    assert (blocked.max_days_from_entry, blocked.last_legal_day) == (0, D("2026-06-28"))
    plan = plan_stay(entry=D("2026-06-30"), stays=stays, rules=[ROLLING_90_180])
    assert (plan.max_days_from_entry, plan.last_legal_day) == (90, D("2026-09-27"))


def test_per_entry_limit() -> None:
    """Entry 10 Jan 2026: day 22 is 31 Jan, 50 is 28 Feb, 81 is 31 Mar, 90 is 9 Apr,
    101 is 20 Apr.
    """
    status = stay_status(
        on=D("2026-04-20"), stays=[Stay(D("2026-01-10"), None)], rules=[VISA_FREE_90]
    )
    assert (status.days_used, status.overstay_days, status.lawful_until) == (
        101,
        11,
        D("2026-04-09"),
    )


def test_trp_days_are_lawful_and_not_counted() -> None:
    """Entry 10 Jan; TRP 1 Feb - 31 Mar. Counted: 22 (Jan) + 20 (1-20 Apr) = 42.

    The 90th counted day: 68 more after 31 Jan, from 1 Apr: 1 Apr + 67 = 7 Jun.
    """
    trp = Period(Basis.TRP, D("2026-02-01"), D("2026-03-31"))
    stays = [Stay(D("2026-01-10"), None)]
    status = stay_status(on=D("2026-04-20"), stays=stays, rules=[VISA_FREE_90], periods=[trp])
    assert (status.days_used, status.overstay_days, status.lawful_until) == (42, 0, D("2026-06-07"))
    during = stay_status(on=D("2026-03-01"), stays=stays, rules=[VISA_FREE_90], periods=[trp])
    assert (during.basis, during.days_used, during.registration_due_on) == (Basis.TRP, 22, None)


def test_trp_days_are_not_counted_in_a_rolling_window() -> None:
    """Present 1 Jan - 10 Apr (100 days) with a TRP 1-31 Mar: 100 - 31 = 69, no overstay."""
    trp = Period(Basis.TRP, D("2026-03-01"), D("2026-03-31"))
    status = stay_status(
        on=D("2026-04-10"),
        stays=[Stay(D("2026-01-01"), None)],
        rules=[ROLLING_90_180],
        periods=[trp],
    )
    assert (status.days_used, status.overstay_days) == (69, 0)
    assert status.lawful_until == D("2026-05-01")  # 10 Apr + 21 more days = 90


def test_rules_in_force_on_the_entry_day_apply() -> None:
    """30 days per entry until 2026-01-01, 60 from then: each entry keeps its own rule."""
    old = StayRule(kind=RuleKind.PER_ENTRY, max_days=30, effective_to=D("2026-01-01"), code="v1")
    new = StayRule(kind=RuleKind.PER_ENTRY, max_days=60, effective_from=D("2026-01-01"), code="v2")
    before = stay_status(on=D("2026-01-25"), stays=[Stay(D("2025-12-20"), None)], rules=[old, new])
    # 20 Dec + 29 = 18 Jan is day 30; 25 Jan is day 37.
    assert (before.max_days, before.overstay_days, before.lawful_until) == (30, 7, D("2026-01-18"))
    after = stay_status(on=D("2026-01-25"), stays=[Stay(D("2026-01-05"), None)], rules=[old, new])
    assert (after.max_days, after.overstay_days, after.lawful_until) == (60, 0, D("2026-03-05"))


def test_registration_threshold_changed_in_2018() -> None:
    """Before 29 June 2018 registration was due after 10 days, from then after 15."""
    old = StayRule(
        kind=RuleKind.PER_ENTRY,
        max_days=90,
        registration_after_days=10,
        registration_within_days=10,
        effective_to=D("2018-06-29"),
    )
    new = StayRule(kind=RuleKind.PER_ENTRY, max_days=90, effective_from=D("2018-06-29"))
    june = stay_status(on=D("2018-06-20"), stays=[Stay(D("2018-06-01"), None)], rules=[old, new])
    assert (june.registration_due_on, june.registration_met) == (D("2018-06-11"), False)
    july = stay_status(on=D("2018-07-10"), stays=[Stay(D("2018-07-01"), None)], rules=[old, new])
    assert (july.registration_due_on, july.registration_met) == (D("2018-07-16"), None)


def test_kazakh_citizens_register_within_30_days() -> None:
    kaz = StayRule(
        kind=RuleKind.PER_ENTRY,
        max_days=90,
        nationality="KAZ",
        registration_after_days=30,
        registration_within_days=30,
    )
    stays = [Stay(D("2026-03-01"), None, nationality="KAZ")]
    status = stay_status(on=D("2026-03-20"), stays=stays, rules=[VISA_FREE_90, kaz])
    assert (status.rule, status.registration_due_on, status.registration_met) == (
        kaz,
        D("2026-03-31"),
        None,
    )
    registered = stay_status(
        on=D("2026-04-05"),
        stays=stays,
        rules=[VISA_FREE_90, kaz],
        registrations=[Registration(D("2026-03-25"))],
    )
    assert registered.registration_met is True


def test_change_of_address_registered_within_five_working_days() -> None:
    """Moved out Fri 6 Mar 2026; Mon 9 Mar is a holiday in this calendar.

    Working days after: 10, 11, 12, 13, 16 Mar, so the new registration is due 16 Mar.
    """
    calendar = WorkingCalendar(rest_days=frozenset({D("2026-03-09")}))
    stays = [Stay(D("2026-03-01"), None)]
    first = Registration(D("2026-03-02"), D("2026-03-06"))
    late = stay_status(
        on=D("2026-03-17"),
        stays=stays,
        rules=[VISA_FREE_90],
        registrations=[first],
        calendar=calendar,
    )
    assert (late.registration_due_on, late.registration_met) == (D("2026-03-16"), False)
    in_time = stay_status(
        on=D("2026-03-17"),
        stays=stays,
        rules=[VISA_FREE_90],
        registrations=[first, Registration(D("2026-03-16"))],
        calendar=calendar,
    )
    assert (in_time.registration_due_on, in_time.registration_met) == (D("2026-03-16"), True)


def test_visa_limits_the_stay_to_its_validity_and_entries() -> None:
    """Visa valid 1-20 Mar, 30 days, one entry. Entry 10 Mar: min(30, 11 days left) -> 20 Mar.

    A second entry on 15 Mar finds the one entry used: no day is lawful (6 days by 20 Mar).
    """
    evisa_rule = StayRule(kind=RuleKind.PER_ENTRY, max_days=30, requires_visa=True)
    visa = Visa("E1", D("2026-03-01"), D("2026-03-20"), stay_days=30, entries=1)
    first = stay_status(
        on=D("2026-03-12"), stays=[Stay(D("2026-03-10"), None)], rules=[evisa_rule], visas=[visa]
    )
    assert (first.basis, first.max_days, first.lawful_until) == (Basis.VISA, 11, D("2026-03-20"))
    stays = [Stay(D("2026-03-10"), D("2026-03-12")), Stay(D("2026-03-15"), None)]
    second = stay_status(on=D("2026-03-20"), stays=stays, rules=[evisa_rule], visas=[visa])
    assert (second.basis, second.overstay_days, second.lawful_until) == (
        Basis.NO_VISA,
        6,
        D("2026-03-14"),
    )


def test_extension_keeps_the_stay_lawful_until_it_ends() -> None:
    """Entry 1 Jan, 90 days per entry (to 31 Mar), extended 1 Apr - 30 Apr: lawful to 30 Apr."""
    extension = Period(Basis.EXTENSION, D("2026-04-01"), D("2026-04-30"))
    status = stay_status(
        on=D("2026-04-15"),
        stays=[Stay(D("2026-01-01"), None)],
        rules=[VISA_FREE_90],
        periods=[extension],
    )
    assert (status.basis, status.overstay_days, status.lawful_until) == (
        Basis.EXTENSION,
        0,
        D("2026-04-30"),
    )


def test_partial_data_exit_without_entry_and_entry_without_exit() -> None:
    """Exit 5 Jan with no entry counts 5 Jan only; entry 1 Feb with no exit but a later
    entry on 1 Mar counts 1 Feb only; the open entry of 1 Mar runs to the date asked.
    Window for 10 Mar (90/180) holds 1 + 1 + 10 = 12 days.
    """
    stays = [Stay(None, D("2026-01-05")), Stay(D("2026-02-01"), None), Stay(D("2026-03-01"), None)]
    status = stay_status(on=D("2026-03-10"), stays=stays, rules=[ROLLING_90_180])
    assert (status.present, status.days_used, status.stay_entry) == (True, 12, D("2026-03-01"))
    texts = " ".join(e.text for e in status.explanation)
    assert "Exit on 2026-01-05 has no recorded entry" in texts
    assert "Entry on 2026-02-01 has no recorded exit" in texts


def test_absent_person_keeps_the_days_of_the_window() -> None:
    stays = [Stay(D("2026-01-01"), D("2026-01-10"))]
    status = stay_status(on=D("2026-02-01"), stays=stays, rules=[ROLLING_90_180])
    assert (status.present, status.basis, status.days_used, status.overstay_days) == (
        False,
        Basis.ABSENT,
        10,
        0,
    )


def test_no_rule_no_limit() -> None:
    kaz_only = StayRule(kind=RuleKind.PER_ENTRY, max_days=90, nationality="KAZ")
    status = stay_status(on=D("2026-02-01"), stays=[Stay(D("2026-01-01"), None)], rules=[kaz_only])
    assert (status.present, status.overstay_days, status.max_days) == (True, 0, None)
