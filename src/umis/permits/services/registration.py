"""Registration at the place of stay: written straight into the stays app."""

from datetime import date

from umis.core.permissions import Actor
from umis.people.models import Person
from umis.permits.models import Application
from umis.stays import services as stays_services
from umis.stays.models import PlaceOfStayRegistration


def registration_record(*, actor: Actor, application: Application) -> PlaceOfStayRegistration:
    """Record the registration the answers describe (Migration Code art. 21)."""
    answers = application.answers
    assert application.person is not None
    return registration_for(
        actor=actor,
        person=application.person,
        address=answers["address"],
        city=answers.get("city", ""),
        arrival_on=date.fromisoformat(answers["arrival_on"]),
        stay_until=date.fromisoformat(answers["stay_until"]) if answers.get("stay_until") else None,
        host_name=answers.get("host_name", ""),
        by_host=application.organisation is not None,
    )


def registration_for(
    *,
    actor: Actor,
    person: Person,
    address: str,
    city: str,
    arrival_on: date,
    stay_until: date | None,
    host_name: str,
    by_host: bool,
) -> PlaceOfStayRegistration:
    host_kind = (
        PlaceOfStayRegistration.HostKind.ORGANISATION
        if by_host
        else PlaceOfStayRegistration.HostKind.PERSON
    )
    return stays_services.stay_registration_record(
        actor=actor,
        person=person,
        address=address,
        city=city,
        host_kind=host_kind,
        host_name=host_name or "—",
        valid_from=arrival_on,
        valid_to=stay_until,
        source=(
            PlaceOfStayRegistration.Source.HOST
            if by_host
            else PlaceOfStayRegistration.Source.PERSON
        ),
    )
