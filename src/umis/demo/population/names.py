"""Name styles: where the names of each nationality come from and how they are written.

Given names and surnames come from Faker's locale data in their native scripts
(ru_RU and uk_UA Cyrillic, ka_GE Georgian, fa_IR Persian, ar_AA Arabic, zh_CN
Han, tr_TR, az_AZ, uz_UZ Latin, en_IN and en_PK Latin). Faker 40 has no kk_KZ,
ky_KG, tg_TJ, tk_TM or be_BY locale: Central Asians take the uz_UZ names, written
in Cyrillic for Kazakh, Kyrgyz and Tajik citizens; Belarusians take the Russian
ones. hi_IN and bn_BD names are in Devanagari and Bengali, which neither our
transliteration nor those countries' passports use, so Indians get en_IN names
and Bangladeshis a short Latin list below.

A style with a non-Latin script gives a person two name records: the original
one (kind ``original``) and the document one, romanised as the passport prints
it (``to_latin``, Hanyu Pinyin for Chinese) and without the patronymic.
"""

import bisect
import importlib
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from random import Random
from typing import Any

from umis.demo.population.spelling import (
    cyrillic_spelling,
    has_pinyin,
    pinyin,
    russian_patronymic,
    turkic_patronymic,
)
from umis.people.names.transliterate import to_latin

SOUTH_ASIAN_WOMEN = (
    "Ayesha", "Fatima", "Zainab", "Sana", "Hina", "Amna", "Nadia", "Saima", "Rabia",
    "Shazia", "Farzana", "Nasreen", "Rukhsana", "Sadia", "Tahmina", "Sultana", "Shirin",
    "Mahmuda", "Nusrat", "Sabina", "Rehana", "Bushra", "Asma", "Samina", "Uzma", "Kulsoom",
    "Maryam", "Iqra", "Mehwish", "Nazia", "Rumana", "Shamima", "Jannatul", "Sumaiya",
)  # fmt: skip
BANGLADESHI_MEN = (
    "Mohammad", "Abdul", "Rahim", "Karim", "Rafiq", "Jamal", "Kamal", "Shafiq", "Mizanur",
    "Habibur", "Mahbub", "Anwar", "Delwar", "Shahidul", "Nazrul", "Monir", "Rubel", "Sohel",
    "Jahangir", "Alamgir", "Faruk", "Masud", "Tariqul", "Aminul", "Saiful", "Shahin",
)  # fmt: skip
BANGLADESHI_SURNAMES = (
    "Rahman", "Hossain", "Islam", "Ahmed", "Uddin", "Chowdhury", "Miah", "Sarker",
    "Talukder", "Sheikh", "Molla", "Haque", "Alam", "Karim", "Khan", "Bhuiyan", "Mondal",
    "Akter", "Khatun", "Begum", "Hasan", "Kabir", "Sikder", "Mia",
)  # fmt: skip


@dataclass(frozen=True)
class NameStyle:
    code: str
    script: str  # ISO 15924 code of the original form
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    surname_cumulative_weights: tuple[float, ...] | None
    wife_takes_surname: bool
    patronymic: str  # "", "russian", or a key of spelling.TURKIC_MARKERS
    latin_language: str | None = None

    @property
    def is_latin(self) -> bool:
        return self.script == "Latn"

    def given_name(self, rng: Random, sex: str) -> str:
        names = self.female if sex == "F" else self.male
        return names[int(rng.random() * len(names))]

    def surname(self, rng: Random) -> str:
        weights = self.surname_cumulative_weights
        if weights is None:
            return self.surnames[int(rng.random() * len(self.surnames))]
        index = bisect.bisect(weights, rng.random() * weights[-1])
        return self.surnames[min(index, len(self.surnames) - 1)]

    def patronymic_of(self, father: str, sex: str) -> str:
        if not self.patronymic:
            return ""
        if self.patronymic == "russian":
            return russian_patronymic(father, sex)
        return turkic_patronymic(father, sex, self.patronymic)

    def romanise(self, text: str) -> str:
        """The passport (visual zone) form of one name part, upper case."""
        if self.script == "Hani":
            return pinyin(text)
        if self.is_latin:
            return text.upper()
        return to_latin(text, language=self.latin_language)


def _provider(locale: str) -> Any:
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _tuple(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _style(code: str, script: str, locale: str, **options: Any) -> NameStyle:
    provider = _provider(locale)
    return NameStyle(
        code=code,
        script=script,
        male=_tuple(options.pop("male", None) or provider.first_names_male),
        female=_tuple(options.pop("female", None) or provider.first_names_female),
        surnames=_tuple(options.pop("surnames", None) or provider.last_names),
        surname_cumulative_weights=None,
        **options,
    )


def _cyrillic(style: NameStyle, code: str, patronymic: str) -> NameStyle:
    return NameStyle(
        code=code,
        script="Cyrl",
        male=_tuple(map(cyrillic_spelling, style.male)),
        female=_tuple(map(cyrillic_spelling, style.female)),
        surnames=_tuple(map(cyrillic_spelling, style.surnames)),
        surname_cumulative_weights=None,
        wife_takes_surname=True,
        patronymic=patronymic,
    )


def _chinese() -> NameStyle:
    provider = _provider("zh_CN")
    surnames = {name: weight for name, weight in provider.last_names.items() if has_pinyin(name)}
    return NameStyle(
        code="zh",
        script="Hani",
        male=_tuple(n for n in provider.first_names_male if has_pinyin(n)),
        female=_tuple(n for n in provider.first_names_female if has_pinyin(n)),
        surnames=tuple(surnames),
        surname_cumulative_weights=tuple(accumulate(surnames.values())),
        wife_takes_surname=False,
        patronymic="",
    )


@cache
def styles() -> dict[str, NameStyle]:
    """Every name style by code, loaded once from Faker's locale data."""
    ru = _provider("ru_RU")
    uz = _provider("uz_UZ")
    az_names = _provider("az_AZ")
    az = _style(
        "az", "Latn", "az_AZ", wife_takes_surname=True, patronymic="az",
        surnames=[*az_names.last_names_male, *az_names.last_names_unisex],
    )  # fmt: skip
    uzbek = _style(
        "uz", "Latn", "uz_UZ", wife_takes_surname=True, patronymic="uz",
        surnames=uz.last_names_male,
    )  # fmt: skip
    found = [
        _style("ru", "Cyrl", "ru_RU", wife_takes_surname=True, patronymic="russian",
               surnames=ru.last_names_male),
        _style("uk", "Cyrl", "uk_UA", wife_takes_surname=True, patronymic="russian",
               surnames=_provider("uk_UA").last_names_common, latin_language="uk"),
        az,
        _cyrillic(az, "az_ru", "az_cyrl"),
        _style("ka", "Geor", "ka_GE", wife_takes_surname=True, patronymic=""),
        _style("fa", "Arab", "fa_IR", wife_takes_surname=False, patronymic=""),
        _style("ar", "Arab", "ar_AA", wife_takes_surname=False, patronymic=""),
        _style("tr", "Latn", "tr_TR", wife_takes_surname=True, patronymic=""),
        uzbek,
        NameStyle("tk", "Latn", uzbek.male, uzbek.female, uzbek.surnames, None, True, ""),
        _cyrillic(uzbek, "central_cyrl", "russian"),
        _chinese(),
        _style("in", "Latn", "en_IN", wife_takes_surname=True, patronymic=""),
        _style("pk", "Latn", "en_PK", wife_takes_surname=True, patronymic="",
               male=_provider("en_PK").first_names, female=SOUTH_ASIAN_WOMEN),
        NameStyle("bd", "Latn", BANGLADESHI_MEN, SOUTH_ASIAN_WOMEN, BANGLADESHI_SURNAMES,
                  None, False, ""),
    ]  # fmt: skip
    return {style.code: style for style in found}
