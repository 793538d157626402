"""The actor an applicant (a person or an organisation's user) acts as."""

from umis.accounts.models import User
from umis.core.permissions import Actor

PUBLIC_AGENCY = "PUBLIC"
APPLICANT_ROLE = "applicant"
# Submitting registers the person and records a place of stay: the applicant's
# own action, audited under their name, and possible only through these services.
APPLICANT_PERMISSIONS = frozenset({"portal.apply", "people.register", "stays.record"})


def applicant_actor(user: User) -> Actor:
    return Actor(
        user_id=user.pk,
        username=user.get_username(),
        agency_code=user.agency.code if user.agency else PUBLIC_AGENCY,
        role_code=APPLICANT_ROLE,
        permissions=APPLICANT_PERMISSIONS,
    )
