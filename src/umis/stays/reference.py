"""Reference data kept present after ``migrate``: border crossing points and stay rules.

The stay rules are the published Azerbaijani rules as UMIS ships them; each
row says what was assumed (see docs/operations.md, "Stay rules"). Rows an
administrator has edited are left alone: only missing (code, version) rows
are added.
"""

from datetime import date
from typing import Any

from django.apps import AppConfig

from umis.stays.models import BorderPoint, StayRuleVersion

BORDER_POINTS = [
    (
        "GYD",
        "air",
        "",
        "Heydər Əliyev adına Beynəlxalq Aeroport",
        "Heydar Aliyev International Airport",
        "Международный аэропорт имени Гейдара Алиева",
    ),
    (
        "GNJ",
        "air",
        "",
        "Gəncə Beynəlxalq Aeroportu",
        "Ganja International Airport",
        "Международный аэропорт Гянджа",
    ),
    (
        "NAJ",
        "air",
        "",
        "Naxçıvan Beynəlxalq Aeroportu",
        "Nakhchivan International Airport",
        "Международный аэропорт Нахчыван",
    ),
    (
        "LLK",
        "air",
        "",
        "Lənkəran Beynəlxalq Aeroportu",
        "Lankaran International Airport",
        "Международный аэропорт Ленкорань",
    ),
    (
        "GBB",
        "air",
        "",
        "Qəbələ Beynəlxalq Aeroportu",
        "Gabala International Airport",
        "Международный аэропорт Габала",
    ),
    (
        "ZTU",
        "air",
        "",
        "Zaqatala Beynəlxalq Aeroportu",
        "Zagatala International Airport",
        "Международный аэропорт Загатала",
    ),
    ("SAMUR", "land", "RUS", "Samur", "Samur", "Самур"),
    ("QKORPU", "land", "GEO", "Qırmızı Körpü", "Red Bridge", "Красный мост"),
    ("BALAKAN", "land", "GEO", "Balakən", "Balakan", "Балакен"),
    ("ASTARA", "land", "IRN", "Astara", "Astara", "Астара"),
    ("BILASUVAR", "land", "IRN", "Biləsuvar", "Bilasuvar", "Билясувар"),
    ("CULFA", "land", "IRN", "Culfa", "Julfa", "Джульфа"),
    ("SADARAK", "land", "TUR", "Sədərək", "Sadarak", "Садарак"),
    ("YALAMA", "rail", "RUS", "Yalama", "Yalama", "Ялама"),
    ("BKESIK", "rail", "GEO", "Böyük Kəsik", "Boyuk Kasik", "Беюк-Кясик"),
    (
        "ALAT",
        "sea",
        "",
        "Bakı Beynəlxalq Dəniz Ticarət Limanı (Ələt)",
        "Port of Baku (Alat)",
        "Бакинский международный морской порт (Алят)",
    ),
]

REGISTRATION_AMENDMENT = date(2018, 6, 29)  # threshold 10 -> 15 days
FIRST_RULES = date(2014, 1, 1)
MIGRATION_CODE = "Migration Code art. 21.2-21.5; migration.gov.az/en/page/72"
VISA_FREE_90 = ("BLR", "GEO", "KGZ", "MDA", "RUS", "TJK", "TUR", "UKR", "UZB")

# code, nationality, kind, max, window, visa, registration after/within days (old, new), assumption
RULES: list[tuple[str, str | None, str, int, int, bool, tuple[int, int], str]] = [
    (
        "AZ-VISA",
        None,
        "per_entry",
        30,
        0,
        True,
        (10, 15),
        "Every nationality without an agreement needs a visa; the visa's duration of stay "
        "and validity limit each entry (ASAN e-visa: single entry, 30 days).",
    ),
    *(
        (
            f"AZ-VF90-{code}",
            code,
            "per_entry",
            90,
            0,
            False,
            (10, 15),
            "Visa-free regime of 90 days per entry by bilateral or CIS agreement; the list "
            "of countries is an assumption to be checked against the current agreements.",
        )
        for code in VISA_FREE_90
    ),
    (
        "AZ-VF90-KAZ",
        "KAZ",
        "per_entry",
        90,
        0,
        False,
        (30, 30),
        "Kazakhstan citizens: 90 days visa-free; registration only after 30 days, due within "
        "30 days (Migration Code art. 21.3). The 2018 amendment is assumed not to change it.",
    ),
]


def load_border_points() -> None:
    for code, kind, neighbour, name_az, name_en, name_ru in BORDER_POINTS:
        BorderPoint.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "neighbour": neighbour,
                "name_az": name_az,
                "name_en": name_en,
                "name_ru": name_ru,
            },
        )


def load_rules() -> None:
    for code, nationality, kind, max_days, window, visa, registration, assumption in RULES:
        versions = (
            (1, FIRST_RULES, REGISTRATION_AMENDMENT, registration[0]),
            (2, REGISTRATION_AMENDMENT, None, registration[1]),
        )
        for version, start, end, after_days in versions:
            StayRuleVersion.objects.get_or_create(
                code=code,
                version=version,
                defaults={
                    "nationality_id": nationality,
                    "kind": kind,
                    "max_days": max_days,
                    "window_days": window,
                    "requires_visa": visa,
                    "registration_after_days": after_days,
                    "registration_within_days": after_days,
                    "effective_from": start,
                    "effective_to": end,
                    "legal_source": MIGRATION_CODE,
                    "assumption": assumption,
                },
            )


def load_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    load_border_points()
    load_rules()
