"""The dated configuration UMIS ships, from the published Azerbaijani rules.

Figures come from ../shared/docs/domain.md; where the published rules give no
figure the row says "assumption" in its source so an administrator can see what
to confirm. Only missing rows are added after ``migrate``: rows an
administrator has edited or ended are left alone.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import AppConfig

from umis.permits.catalogue import Service
from umis.permits.models import (
    DecisionTerm,
    Fee,
    LabourQuota,
    LegalGround,
    QuotaExemption,
    RequiredDocument,
)

SINCE = date(2018, 6, 29)  # amendment of 29 June 2018 to the Migration Code
CODE = "Migration Code"
S, F = "standard", "fast"

# (service, track, working days, source)
TERMS = [
    (Service.STAY_EXTENSION, F, 1, f"{CODE}: 1 or 3 business days by fee"),
    (Service.STAY_EXTENSION, S, 3, f"{CODE}: 1 or 3 business days by fee"),
    (Service.TRP, F, 15, f"{CODE} art. 45, 50: 15 or 20 working days by fee"),
    (Service.TRP, S, 20, f"{CODE} art. 45, 50: 15 or 20 working days by fee"),
    (
        Service.PRP,
        F,
        35,
        "35/40/50/60 days by fee tier; fastest and slowest tiers, as working days (assumption)",
    ),
    (
        Service.PRP,
        S,
        60,
        "35/40/50/60 days by fee tier; fastest and slowest tiers, as working days (assumption)",
    ),
    (Service.WORK_PERMIT, F, 10, f"{CODE}: 10/15/20 days by fee"),
    (Service.WORK_PERMIT, S, 20, f"{CODE}: 10/15/20 days by fee"),
    (Service.STATUS_DETERMINATION, S, 30, "no published term (assumption)"),
]

TRP_MONTHS = [3, 6, 12, 18, 24, 30, 36]
# (service, track, category, [(up to months, amount)], source)
FEES: list[tuple[str, str, str, list[tuple[int, int]], str]] = [
    (Service.STAY_EXTENSION, S, "", [(1, 30), (2, 60)], "30 AZN/30 days, 60 AZN/60 days"),
    (Service.STAY_EXTENSION, S, "minor", [(1, 15), (2, 30)], "minors pay half"),
    (Service.STAY_EXTENSION, F, "", [(1, 60), (2, 120)], "fast track at double fee (assumption)"),
    (Service.STAY_EXTENSION, F, "minor", [(1, 30), (2, 60)], "minors pay half (assumption)"),
    (
        Service.TRP,
        F,
        "",
        list(zip(TRP_MONTHS, [40, 80, 160, 240, 320, 400, 480], strict=True)),
        "15-day track",
    ),
    (
        Service.TRP,
        S,
        "",
        list(zip(TRP_MONTHS, [30, 60, 120, 180, 240, 300, 360], strict=True)),
        "20-day track",
    ),
    (Service.TRP, F, "student", [(12, 60), (36, 120)], "students, 15-day track (bands assumed)"),
    (Service.TRP, S, "student", [(12, 40), (36, 80)], "students, 20-day track (bands assumed)"),
    (Service.PRP, F, "", [(60, 600)], "no published fee (assumption)"),
    (Service.PRP, S, "", [(60, 400)], "no published fee (assumption)"),
    (Service.WORK_PERMIT, S, "", [(6, 500), (12, 1000)], "500 AZN / 6 months, 1,000 AZN / year"),
    (
        Service.WORK_PERMIT,
        F,
        "",
        [(6, 750), (12, 1500)],
        "faster tracks at a higher fee (assumption)",
    ),
    (Service.STATUS_DETERMINATION, S, "", [(0, 0)], "no fee for legalisation (assumption)"),
]

_PASSPORT = ("passport", "Pasportun surəti", "Copy of the passport", "Копия паспорта")
_PHOTO = ("photo", "İki fotoşəkil", "Two photographs", "Две фотографии")
_STAY = (
    "stay_document",
    "Hazırkı qalma sənədi",
    "Current stay document",
    "Текущий документ о пребывании",
)
_MEDICAL = (
    "medical",
    "Tibbi arayışlar (HIV, HBV, HCV)",
    "Medical certificates (HIV, HBV, HCV)",
    "Медицинские справки (ВИЧ, ВГВ, ВГС)",
)
_HOUSING = ("housing", "Yaşayış yeri sənədi", "Housing document", "Документ о жилье")
# (service, (code, az, en, ru), when answer, when values)
CHECKLISTS: list[tuple[str, tuple[str, str, str, str], str, list[str]]] = [
    (Service.STAY_REGISTRATION, _PASSPORT, "", []),
    (Service.STAY_EXTENSION, _PASSPORT, "", []),
    (Service.STAY_EXTENSION, _STAY, "", []),
    (Service.TRP, _PASSPORT, "", []),
    (Service.TRP, _STAY, "", []),
    (Service.TRP, _MEDICAL, "", []),
    (Service.TRP, _PHOTO, "", []),
    (Service.TRP, _HOUSING, "", []),
    (
        Service.TRP,
        (
            "kinship",
            "Qohumluq sənədi",
            "Proof of kinship with a citizen",
            "Документ о родстве с гражданином",
        ),
        "ground",
        ["family"],
    ),
    (
        Service.TRP,
        (
            "study",
            "Təhsil müəssisəsinin arayışı",
            "Letter of the place of study",
            "Справка из учебного заведения",
        ),
        "ground",
        ["study"],
    ),
    (
        Service.TRP,
        ("investment", "İnvestisiya sübutu", "Proof of investment", "Подтверждение инвестиций"),
        "ground",
        ["investment", "property"],
    ),
    (
        Service.TRP,
        ("work_permit", "İş icazəsi", "Work permit", "Разрешение на работу"),
        "ground",
        ["work", "highly_qualified"],
    ),
    (Service.PRP, _PASSPORT, "", []),
    (Service.PRP, _MEDICAL, "", []),
    (Service.PRP, _PHOTO, "", []),
    (Service.PRP, _HOUSING, "", []),
    (
        Service.PRP,
        ("current_permit", "Hazırkı icazə", "Current permit card", "Текущая карта разрешения"),
        "application_kind",
        ["renewal"],
    ),
    (Service.WORK_PERMIT, _PASSPORT, "", []),
    (
        Service.WORK_PERMIT,
        ("contract", "Əmək müqaviləsi", "Employment contract", "Трудовой договор"),
        "",
        [],
    ),
    (
        Service.WORK_PERMIT,
        ("diploma", "Təhsil sənədi", "Diploma or qualification", "Документ об образовании"),
        "",
        [],
    ),
    (
        Service.STATUS_DETERMINATION,
        (
            "any_identity",
            "Şəxsiyyəti təsdiq edən istənilən sənəd",
            "Any document showing identity",
            "Любой документ о личности",
        ),
        "",
        [],
    ),
]

# (code, outcome, services, article, az, en, ru)
GROUNDS: list[tuple[str, str, list[str], str, str, str, str]] = [
    (
        "requirements_met",
        "grant",
        [],
        CODE,
        "Tələblər ödənilib",
        "All requirements are met",
        "Все требования выполнены",
    ),
    (
        "family_ground",
        "grant",
        [Service.TRP],
        f"{CODE} art. 45",
        "Vətəndaşın yaxın qohumu",
        "Close relative of a citizen",
        "Близкий родственник гражданина",
    ),
    (
        "work_ground",
        "grant",
        [Service.TRP, Service.WORK_PERMIT],
        f"{CODE} art. 45",
        "Əmək fəaliyyəti",
        "Work",
        "Трудовая деятельность",
    ),
    (
        "documents_missing",
        "refuse",
        [],
        CODE,
        "Sənədlər tam deyil",
        "Required documents missing",
        "Не представлены необходимые документы",
    ),
    (
        "false_information",
        "refuse",
        [],
        CODE,
        "Yalan məlumat verilib",
        "False information given",
        "Представлены ложные сведения",
    ),
    (
        "security_objection",
        "refuse",
        [],
        CODE,
        "Təhlükəsizlik orqanının etirazı",
        "Objection of a security body",
        "Возражение органа безопасности",
    ),
    (
        "entry_ban",
        "refuse",
        [],
        CODE,
        "Ölkəyə giriş qadağası",
        "Entry ban in force",
        "Действует запрет на въезд",
    ),
    (
        "late_application",
        "refuse",
        [Service.STAY_EXTENSION, Service.TRP],
        CODE,
        "Müraciət gec verilib",
        "Application made too late",
        "Заявление подано с опозданием",
    ),
    (
        "quota_exhausted",
        "refuse",
        [Service.WORK_PERMIT],
        f"{CODE} art. 51.5",
        "Kvota tükənib",
        "Labour-migration quota used up",
        "Квота трудовой миграции исчерпана",
    ),
    (
        "passport_validity",
        "refuse",
        [Service.TRP, Service.PRP],
        CODE,
        "Pasportun müddəti kifayət deyil",
        "Passport not valid long enough",
        "Недостаточный срок действия паспорта",
    ),
]

QUOTAS = [
    (2019, 6800, f"{CODE} art. 51.5 (2019 figure)"),
    (2026, 6800, "2019 figure carried over (assumption)"),
    (2027, 6800, "2019 figure carried over (assumption)"),
]
EXEMPTIONS = [
    (
        "alat_fez",
        "Ələt azad iqtisadi zonası",
        "Alat free economic zone",
        "Свободная экономическая зона Алят",
    ),
]


def load_terms() -> None:
    for service, track, days, source in TERMS:
        DecisionTerm.objects.get_or_create(
            service=service,
            track=track,
            valid_from=SINCE,
            defaults={"working_days": days, "source": source},
        )


def load_fees() -> None:
    for service, track, category, bands, source in FEES:
        for months, amount in bands:
            Fee.objects.get_or_create(
                service=service,
                track=track,
                category=category,
                max_months=months,
                valid_from=SINCE,
                defaults={"amount": Decimal(amount), "source": source},
            )


def load_checklists() -> None:
    for order, (service, (code, az, en, ru), when_answer, when_values) in enumerate(CHECKLISTS):
        RequiredDocument.objects.get_or_create(
            service=service,
            code=code,
            valid_from=SINCE,
            defaults={
                "name_az": az,
                "name_en": en,
                "name_ru": ru,
                "when_answer": when_answer,
                "when_values": when_values,
                "order": order,
                "source": CODE,
            },
        )


def load_grounds() -> None:
    for code, outcome, services, article, az, en, ru in GROUNDS:
        LegalGround.objects.get_or_create(
            code=code,
            defaults={
                "outcome": outcome,
                "services": list(services),
                "article": article,
                "name_az": az,
                "name_en": en,
                "name_ru": ru,
                "valid_from": SINCE,
            },
        )


def load_quota() -> None:
    for year, total, source in QUOTAS:
        LabourQuota.objects.get_or_create(year=year, defaults={"total": total, "source": source})
    for code, az, en, ru in EXEMPTIONS:
        QuotaExemption.objects.get_or_create(
            code=code,
            defaults={
                "name_az": az,
                "name_en": en,
                "name_ru": ru,
                "valid_from": SINCE,
                "source": "example exemption (assumption)",
            },
        )


def load_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    load_terms()
    load_fees()
    load_checklists()
    load_grounds()
    load_quota()
