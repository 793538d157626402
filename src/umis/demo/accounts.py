"""One demonstration account per role."""

from dataclasses import dataclass

from umis.accounts.models import Agency, Role, User
from umis.accounts.services import officer_create, user_issue_one_time_password
from umis.core.permissions import Actor

# (user name, role, agency, first name, last name)
DEMO_OFFICERS = [
    ("front_desk", "front_desk", "SMS", "Aysel", "Məmmədova"),
    ("case_worker", "case_worker", "SMS", "Rəşad", "Hüseynov"),
    ("supervisor", "supervisor", "SMS", "Nigar", "Əliyeva"),
    ("inspector", "inspector", "SMS", "Elvin", "Quliyev"),
    ("detention_officer", "detention_officer", "SMS", "Samir", "İsmayılov"),
    ("analyst", "analyst", "SMS", "Leyla", "Kərimova"),
    ("administrator", "administrator", "SMS", "Orxan", "Həsənov"),
    ("agency_liaison", "agency_liaison", "MIA", "Tural", "Babayev"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str
    password: str | None  # None: the user has already chosen their own


def ensure_demo_accounts(actor: Actor) -> list[DemoAccount]:
    """Create missing demo accounts; give a fresh one-time password to those not yet used."""
    accounts = []
    for username, role_code, agency_code, first_name, last_name in DEMO_OFFICERS:
        user = User.objects.filter(username=username).first()
        password: str | None
        if user is None:
            user, password = officer_create(
                actor=actor,
                username=username,
                first_name=first_name,
                last_name=last_name,
                agency=Agency.objects.get(code=agency_code),
                role=Role.objects.get(code=role_code),
                is_staff=role_code == "administrator",
            )
            if role_code == "administrator":
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
        elif user.must_change_password:
            password = user_issue_one_time_password(actor=actor, user=user)
        else:
            password = None
        accounts.append(DemoAccount(username, role_code, agency_code, password))
    return accounts
