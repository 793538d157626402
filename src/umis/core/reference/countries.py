"""Countries from pycountry (ISO 3166-1) with their Azerbaijani and Russian names."""

import gettext
from functools import cache

import pycountry

from umis.core.models import Country

# ICAO Doc 9303 part 3 codes for people without a nationality of a state.
ICAO_SPECIAL_CODES = {
    "XXA": ("Vətəndaşlığı olmayan şəxs", "Stateless person", "Лицо без гражданства"),
    "XXB": ("Qaçqın (1951 Konvensiyası)", "Refugee (1951 Convention)", "Беженец (Конвенция 1951)"),
    "XXC": ("Qaçqın (digər)", "Refugee (other)", "Беженец (иное)"),
    "XXX": ("Vətəndaşlığı müəyyən edilməyib", "Nationality unspecified", "Гражданство не указано"),
}


@cache
def _translator(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def country_rows() -> list[Country]:
    rows = []
    for record in pycountry.countries:
        english = getattr(record, "common_name", None) or record.name
        rows.append(
            Country(
                code=record.alpha_3,
                alpha2=record.alpha_2,
                numeric=record.numeric,
                name_en=english,
                name_az=_translator("az").gettext(record.name),
                name_ru=_translator("ru").gettext(record.name),
            )
        )
    for code, (name_az, name_en, name_ru) in ICAO_SPECIAL_CODES.items():
        rows.append(
            Country(code=code, name_az=name_az, name_en=name_en, name_ru=name_ru, is_special=True)
        )
    return rows


def load_countries() -> int:
    created = Country.objects.bulk_create(country_rows(), ignore_conflicts=True)
    return len(created)
