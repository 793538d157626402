"""Applicants, officers and applications in a given state, made through the services."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factories import MovableClock, UserFactory, agency, role
from umis.accounts.actors import actor_for
from umis.accounts.models import Agency, User
from umis.core.models import CalendarDay
from umis.core.permissions import Actor
from umis.permits.actors import applicant_actor
from umis.permits.models import Application, Permit
from umis.permits.services import cases, decisions, uploads
from umis.portal.models import PortalAccount

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

_counter = iter(range(1, 10**9))


def applicant(email: str | None = None) -> User:
    n = next(_counter)
    user = UserFactory(
        username=email or f"applicant{n}@example.org",
        email=email or f"applicant{n}@example.org",
        agency=None,
        role=None,
    )
    PortalAccount.objects.create(user=user, kind=PortalAccount.Kind.PERSON)
    return user


def organisation_user(kind: str = Agency.Kind.EMPLOYER, org: Agency | None = None) -> User:
    n = next(_counter)
    org = org or Agency.objects.create(
        code=f"ORG{n:05d}",
        kind=kind,
        name_az=f"Firma {n}",
        name_en=f"Firm {n}",
        name_ru=f"Фирма {n}",
    )
    user = UserFactory(
        username=f"org{n}@example.org", email=f"org{n}@example.org", agency=org, role=None
    )
    PortalAccount.objects.create(
        user=user, kind=PortalAccount.Kind.ORGANISATION, is_organisation_admin=True
    )
    return user


def officer(role_code: str = "case_worker", agency_code: str = "SMS") -> User:
    return UserFactory(role=role(role_code), agency=agency(agency_code))


def actor(user: User) -> Actor:
    return applicant_actor(user) if hasattr(user, "portal_account") else actor_for(user)


def person_answers(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    answers = {
        "surname": "Ivanov",
        "given_names": "Ivan",
        "birth_date": "1990-05-17",
        "sex": "M",
        "nationality": "RUS",
        "passport_number": f"75{n:07d}",
        "passport_expires_on": "2031-01-01",
    }
    return answers | overrides


def extension_answers(**overrides: Any) -> dict[str, Any]:
    return (
        person_answers(stay_ends_on="2026-03-20", requested_days="30", reason="Treatment")
        | overrides
    )


def trp_answers(**overrides: Any) -> dict[str, Any]:
    return (
        person_answers(
            application_kind="first", ground="work", validity_months="12", address="Nizami 10, Bakı"
        )
        | overrides
    )


def work_answers(**overrides: Any) -> dict[str, Any]:
    return (
        person_answers(position="Engineer", workplace="Bakı, Neftçilər 1", contract_months="12")
        | overrides
    )


def draft(
    user: User, service: str, answers: dict[str, Any], track: str = "standard"
) -> Application:
    organisation = user.agency if user.agency and not user.agency.is_government else None
    return cases.application_create(
        actor=actor(user),
        applicant=user,
        service=service,
        track=track,
        answers=answers,
        organisation=organisation,
        language="en",
    )


def attach_all(user: User, application: Application) -> None:
    from umis.core import clock
    from umis.permits.config import checklist_for

    for item in checklist_for(application.service, application.answers, clock.today()):
        uploads.upload_store(
            actor=actor(user),
            application=application,
            checklist_code=item.code,
            file=SimpleUploadedFile(f"{item.code}.pdf", PDF, content_type="application/pdf"),
        )


def submitted(
    service: str = "stay_extension",
    answers: dict[str, Any] | None = None,
    user: User | None = None,
    track: str = "standard",
) -> Application:
    user = user or applicant()
    answers = (
        answers
        or {
            "stay_extension": extension_answers,
            "trp": trp_answers,
            "work_permit": work_answers,
        }[service]()
    )
    application = draft(user, service, answers, track)
    attach_all(user, application)
    return cases.application_submit(actor=actor(user), application=application)


def granted(application: Application) -> Permit:
    """``application`` granted by a case worker on the work ground; the permit it gives."""
    decisions.decision_make(
        actor=actor(officer()),
        application=application,
        outcome="grant",
        grounds=["work_ground"],
        reasons="",
    )
    return Permit.objects.get(application=application)


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def plain_march(clock: MovableClock) -> MovableClock:
    """The clock reads Mon 2 March 2026 09:00 Baku, and March has no holidays."""
    CalendarDay.objects.filter(date__year=2026, date__month=3).delete()
    return clock
