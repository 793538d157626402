"""Built-in agencies and roles.

Role permissions here are the policy shipped with UMIS. An administrator may
change a role in the admin screen; it is then marked customised and upgrades
leave it alone.
"""

from typing import Any

from django.apps import AppConfig

from umis.accounts.models import Agency, Role

AGENCIES = [
    (
        "SMS",
        Agency.Kind.MIGRATION,
        "Dövlət Miqrasiya Xidməti",
        "State Migration Service",
        "Государственная миграционная служба",
    ),
    (
        "SBS",
        Agency.Kind.BORDER,
        "Dövlət Sərhəd Xidməti",
        "State Border Service",
        "Государственная пограничная служба",
    ),
    (
        "MIA",
        Agency.Kind.POLICE,
        "Daxili İşlər Nazirliyi (polis)",
        "Ministry of Internal Affairs (police)",
        "Министерство внутренних дел (полиция)",
    ),
    (
        "SSS",
        Agency.Kind.SECURITY,
        "Dövlət Təhlükəsizliyi Xidməti",
        "State Security Service",
        "Служба государственной безопасности",
    ),
    (
        "MLSP",
        Agency.Kind.LABOUR,
        "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
        "Ministry of Labour and Social Protection of Population",
        "Министерство труда и социальной защиты населения",
    ),
    (
        "STS",
        Agency.Kind.TAX,
        "Dövlət Vergi Xidməti",
        "State Tax Service",
        "Государственная налоговая служба",
    ),
    (
        "MFA",
        Agency.Kind.FOREIGN_AFFAIRS,
        "Xarici İşlər Nazirliyi və konsulluqlar",
        "Ministry of Foreign Affairs and consulates",
        "Министерство иностранных дел и консульства",
    ),
]

ROLE_NAMES = {
    "front_desk": ("Qəbul məmuru", "Front-desk officer", "Сотрудник приёма"),
    "case_worker": ("İcraçı məmur", "Case worker", "Исполнитель дел"),
    "supervisor": ("Rəhbər məmur", "Supervisor", "Руководитель"),
    "inspector": ("Müfəttiş", "Inspector", "Инспектор"),
    "detention_officer": (
        "Saxlanma mərkəzi əməkdaşı",
        "Detention officer",
        "Сотрудник центра содержания",
    ),
    "analyst": ("Analitik", "Analyst", "Аналитик"),
    "administrator": ("İnzibatçı", "Administrator", "Администратор"),
    "agency_liaison": ("Qurum əlaqələndiricisi", "Agency liaison", "Представитель ведомства"),
}

_EVERY_OFFICER = ["dashboard.view"]
_READ_PEOPLE = [*_EVERY_OFFICER, "people.view"]
_REGISTER_PEOPLE = [*_READ_PEOPLE, "people.register", "people.edit"]
_STAYS = ["stays.view", "stays.record"]
_CASES = ["permits.view", "permits.process"]
_IDENTITY = ["identity.review", "identity.merge"]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    "front_desk": [*_REGISTER_PEOPLE, *_STAYS, "permits.view"],
    "case_worker": [*_REGISTER_PEOPLE, *_STAYS, "stays.extend", *_CASES, *_IDENTITY],
    "supervisor": [
        *_REGISTER_PEOPLE,
        "people.import",
        "audit.view",
        *_STAYS,
        "stays.extend",
        *_CASES,
        "permits.approve",
        *_IDENTITY,
        "identity.approve_merge",
    ],
    "inspector": [*_READ_PEOPLE, "stays.view"],
    "detention_officer": _READ_PEOPLE,
    "analyst": [*_EVERY_OFFICER, "stays.view"],
    "administrator": [
        *_REGISTER_PEOPLE,
        "people.import",
        "audit.view",
        "audit.verify",
        "calendar.manage",
        "accounts.manage",
        "reference.manage",
        *_STAYS,
        "stays.extend",
    ],
    "agency_liaison": [*_READ_PEOPLE, "people.register", "stays.record", "permits.clearance"],
}


def load_agencies() -> None:
    for code, kind, name_az, name_en, name_ru in AGENCIES:
        Agency.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "name_az": name_az, "name_en": name_en, "name_ru": name_ru},
        )


def load_roles() -> None:
    for code, (name_az, name_en, name_ru) in ROLE_NAMES.items():
        role, created = Role.objects.get_or_create(
            code=code,
            defaults={
                "name_az": name_az,
                "name_en": name_en,
                "name_ru": name_ru,
                "permissions": ROLE_PERMISSIONS[code],
            },
        )
        if not created and not role.customised and role.permissions != ROLE_PERMISSIONS[code]:
            role.permissions = ROLE_PERMISSIONS[code]
            role.save(update_fields=["permissions"])


def load_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    load_agencies()
    load_roles()
