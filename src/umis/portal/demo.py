"""Demo data for ``umis demo``: portal accounts and applications in every state.

Made through the same services the screens use, so the history, deadlines,
permits and audit trail are real. Running it again adds nothing new.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from umis.accounts.actors import actor_for
from umis.accounts.models import Agency, User
from umis.core import clock
from umis.core.permissions import Actor
from umis.people.models import TravelDocument
from umis.permits import config
from umis.permits.actors import applicant_actor
from umis.permits.models import Application
from umis.permits.services import cases, decisions
from umis.permits.services.uploads import upload_store
from umis.portal.models import PortalAccount

DEMO_APPLICANT = "applicant@demo.umis.az"
DEMO_EMPLOYER = "hr@demo-employer.az"
DEMO_HOTEL = "desk@demo-hotel.az"
# A tiny valid PDF standing in for every scanned document of the demo.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_CASES = 14
DEMO_NAMES = [
    ("Eriksson", "Anna", "SWE", "F"),
    ("Иванов", "Пётр", "RUS", "M"),
    ("Yılmaz", "Ayşe", "TUR", "F"),
    ("Kapanadze", "Giorgi", "GEO", "M"),
    ("Rezaei", "Maryam", "IRN", "F"),
]


def _portal_user(email: str, organisation: Agency | None) -> tuple[User, str]:
    """The demo portal account, with a fresh password printed on every run."""
    password = secrets.token_urlsafe(12)
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User.objects.create(
            username=email, email=email, agency=organisation, preferred_language="en"
        )
        kind = PortalAccount.Kind.ORGANISATION if organisation else PortalAccount.Kind.PERSON
        PortalAccount.objects.create(
            user=user, kind=kind, is_organisation_admin=organisation is not None
        )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user, password


def _organisation(code: str, kind: str, name: str) -> Agency:
    organisation, _created = Agency.objects.get_or_create(
        code=code,
        defaults={
            "kind": kind,
            "name_az": name,
            "name_en": name,
            "name_ru": name,
            "tax_id": "1700000000",
        },
    )
    return organisation


def _registry_answers() -> list[dict[str, Any]]:
    """Answers matching persons already in the registry (the synthetic population), so the
    demo's applications link to them instead of registering new persons."""
    long_enough = clock.today() + timedelta(days=3 * 365)
    documents = (
        TravelDocument.objects.filter(
            kind=TravelDocument.Kind.PASSPORT,
            expires_on__gte=long_enough,
            person__birth_day__isnull=False,
            person__merged_into__isnull=True,
            person__sex__in=["M", "F"],
            issuing_state__is_special=False,
        )
        .select_related("person")
        .order_by("pk")[: 4 * DEMO_CASES]
    )
    found = []
    for document in documents:
        name = document.person.names.filter(kind="document", script="Latn").first()
        birth = document.person.birth_date
        if name is None or birth is None or not (name.surname and name.given_names):
            continue
        found.append(
            {
                "surname": name.surname,
                "given_names": name.given_names,
                "birth_date": birth.low.isoformat(),
                "sex": document.person.sex,
                "nationality": document.issuing_state_id,
                "passport_number": document.number,
                "passport_expires_on": document.expires_on.isoformat()
                if document.expires_on
                else "",
            }
        )
    return found


def _answers(n: int, **extra: Any) -> dict[str, Any]:
    registry = _registry_answers()
    if n < len(registry):
        return registry[n] | extra
    surname, given, nationality, sex = DEMO_NAMES[n % len(DEMO_NAMES)]
    return {
        "surname": surname,
        "given_names": given,
        "birth_date": f"{1970 + n}-0{1 + n % 9}-1{n % 9}",
        "sex": sex,
        "nationality": nationality,
        "passport_number": f"DEMO{n:05d}",
        "passport_expires_on": (clock.today() + timedelta(days=6 * 365)).isoformat(),
    } | extra


def _extension(n: int) -> dict[str, Any]:
    ends = (clock.today() + timedelta(days=20)).isoformat()
    return _answers(n, stay_ends_on=ends, requested_days="30", reason="Medical treatment")


def _trp(n: int) -> dict[str, Any]:
    return _answers(
        n, application_kind="first", ground="work", validity_months="12", address="Bakı, Nizami 10"
    )


def _work(n: int) -> dict[str, Any]:
    return _answers(n, position="Engineer", workplace="Bakı, Neftçilər 1", contract_months="12")


def _submitted(
    user: User, service: str, answers: dict[str, Any], *, submit: bool = True
) -> Application:
    actor = applicant_actor(user)
    organisation = user.agency if user.agency else None
    application = cases.application_create(
        actor=actor, applicant=user, service=service, track="standard", answers=answers,
        organisation=organisation, language="en",
    )  # fmt: skip
    for item in config.checklist_for(service, application.answers, clock.today()):
        upload_store(
            actor=actor,
            application=application,
            checklist_code=item.code,
            file=SimpleUploadedFile(f"{item.code}.pdf", DEMO_PDF, "application/pdf"),
        )
    return cases.application_submit(actor=actor, application=application) if submit else application


def _every_state(
    person: User, employer: User, worker: Actor, boss: Actor, worker_user: User
) -> None:
    _submitted(person, "stay_extension", _extension(1), submit=False)  # draft
    _submitted(person, "stay_extension", _extension(2))  # new
    in_review = _submitted(person, "trp", _trp(3))
    cases.application_assign(actor=worker, application=in_review, officer=worker_user)
    waiting = _submitted(person, "stay_extension", _extension(4))
    cases.information_request(
        actor=worker, application=waiting, note="Please attach the hospital's letter."
    )
    cleared = _submitted(person, "trp", _trp(5))
    decisions.clearance_request(
        actor=worker,
        application=cleared,
        agency=Agency.objects.get(code="MIA"),
        question="Any police record?",
    )
    proposed = _submitted(person, "stay_extension", _extension(6))
    decisions.decision_make(
        actor=worker,
        application=proposed,
        outcome="refuse",
        grounds=["late_application"],
        reasons="Applied late.",
    )
    refused = _submitted(person, "stay_extension", _extension(7))
    decisions.decision_make(
        actor=worker,
        application=refused,
        outcome="refuse",
        grounds=["documents_missing"],
        reasons="No letter.",
    )
    decisions.refusal_approve(actor=boss, application=refused)
    for service, answers, ground in (
        ("trp", _trp(8), "work_ground"),
        ("stay_extension", _extension(9), "requirements_met"),
    ):
        granted = _submitted(person, service, answers)
        decisions.decision_make(
            actor=worker, application=granted, outcome="grant", grounds=[ground], reasons=""
        )
    work = _submitted(employer, "work_permit", _work(10))
    decisions.decision_make(
        actor=worker, application=work, outcome="grant", grounds=["work_ground"], reasons=""
    )
    withdrawn = _submitted(person, "stay_extension", _extension(11))
    cases.application_withdraw(actor=applicant_actor(person), application=withdrawn)
    _submitted(
        person,
        "stay_registration",
        _answers(12, address="Bakı, Fizuli 5", arrival_on=clock.today().isoformat()),
    )
    # Someone whose citizenship was in doubt; the determination confirms it (and so
    # writes it, with the current status, into the registry).
    circumstances = "My passport was questioned when I asked for a residence permit."
    uncertain = _answers(13, address="Bakı, Xətai 3", circumstances=circumstances)
    determined = _submitted(person, "status_determination", uncertain)
    decisions.decision_make(
        actor=worker,
        application=determined,
        outcome="grant",
        grounds=["requirements_met"],
        reasons="The consulate confirmed the citizenship.",
        determined_status="citizen",
        determined_country=uncertain["nationality"],
    )


def _mail_note() -> list[str]:
    if settings.EMAIL_BACKEND_PATH != settings.FILE_EMAIL_BACKEND:
        return []
    return [f"E-mails to applicants are saved as files in {settings.EMAIL_FILE_DIR}/.", ""]


@transaction.atomic
def demo_applications(actor: Actor) -> list[str]:
    """Create the demo portal accounts and (once) applications in every state."""
    employer_org = _organisation("ORGDEMO01", Agency.Kind.EMPLOYER, "Demo Engineering LLC")
    hotel_org = _organisation("ORGDEMO02", Agency.Kind.HOST, "Hotel Xəzər (demo)")
    person, person_password = _portal_user(DEMO_APPLICANT, None)
    employer, employer_password = _portal_user(DEMO_EMPLOYER, employer_org)
    _hotel, hotel_password = _portal_user(DEMO_HOTEL, hotel_org)
    worker_user = User.objects.get(username="case_worker")
    if not Application.objects.filter(applicant=person).exists():
        _every_state(
            person,
            employer,
            actor_for(worker_user),
            actor_for(User.objects.get(username="supervisor")),
            worker_user,
        )
    return [
        *_mail_note(),
        "Portal accounts (http://…/portal/):",
        f"  {DEMO_APPLICANT:<24}  {person_password}  [applicant, applications in every state]",
        f"  {DEMO_EMPLOYER:<24}  {employer_password}  [employer: work permits]",
        f"  {DEMO_HOTEL:<24}  {hotel_password}  [hotel: guest CSV upload]",
    ]
