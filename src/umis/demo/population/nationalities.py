"""Who the synthetic foreigners are: the nationality mix and each nationality's habits.

Assumption (no public breakdown exists at this granularity): the weights
approximate the foreign population of Azerbaijan as the State Migration
Service's yearly figures and UNHCR's statelessness reports sketch it —
neighbours and CIS states first (Russia 20 %, Turkey 15 %, Georgia 12 %,
Iran 9 %), Central Asian labour migration (Uzbekistan, Turkmenistan,
Kazakhstan, Tajikistan, Kyrgyzstan: 15.5 % together), Ukraine 5 %, China 4 %,
South Asia (India, Pakistan, Bangladesh: 9 %), Afghanistan, the Arab states
(Egypt, Syria, Iraq: 5 %), Belarus 1.5 %; stateless persons 1.5 % and persons
whose citizenship is undetermined 0.5 %. Weights are percentages summing to 100.

Each nationality says which name styles its citizens use (``names.STYLES``),
the format of its passport numbers (``#`` a digit, ``@`` a letter, anything
else literal; at most nine characters, as a TD3 MRZ allows), how long a
passport is valid, how many of its citizens come alone and how many are men,
and how often a date of birth is known only in part (Afghan, Bangladeshi and
stateless persons' documents often give a year only).
"""

from dataclasses import dataclass

STATELESS = "XXA"  # ICAO Doc 9303 part 3: stateless person
UNDETERMINED = ""  # no code: the citizenship has not been established
ISSUER_FOR_STATELESS = "AZE"  # Azerbaijan issues their travel documents


@dataclass(frozen=True)
class Nationality:
    code: str
    weight: float
    styles: tuple[tuple[str, float], ...]
    passport_format: str
    passport_years: int
    family_share: float  # share of households that are families, not single persons
    single_male_share: float
    partial_birth_share: float
    birthplaces: tuple[str, ...]

    @property
    def citizenship_status(self) -> str:
        if self.code == STATELESS:
            return "stateless"
        return "undetermined" if self.code == UNDETERMINED else "citizen"

    @property
    def has_documents(self) -> bool:
        return self.code != UNDETERMINED


def _n(
    code: str,
    weight: float,
    styles: tuple[tuple[str, float], ...],
    passport_format: str,
    *,
    years: int = 10,
    families: float = 0.25,
    men: float = 0.6,
    partial: float = 0.005,
    birthplaces: tuple[str, ...],
) -> Nationality:
    return Nationality(
        code, weight, styles, passport_format, years, families, men, partial, birthplaces
    )


NATIONALITIES: tuple[Nationality, ...] = (
    _n("RUS", 20, (("ru", 0.9), ("az_ru", 0.1)), "7########", families=0.3, men=0.55,
       birthplaces=("Moskva", "Sankt-Peterburg", "Derbent", "Makhachkala", "Rostov-na-Donu")),
    _n("TUR", 15, (("tr", 1.0),), "U########", men=0.75,
       birthplaces=("Istanbul", "Ankara", "Izmir", "Kars", "Igdir", "Trabzon")),
    _n("GEO", 12, (("ka", 0.75), ("az", 0.25)), "##@@#####", families=0.35, men=0.55,
       birthplaces=("Tbilisi", "Marneuli", "Rustavi", "Kutaisi", "Batumi", "Gardabani")),
    _n("IRN", 9, (("fa", 1.0),), "@########", years=5, families=0.3,
       birthplaces=("Tabriz", "Tehran", "Ardabil", "Urmia", "Astara")),
    _n("UKR", 5, (("uk", 0.85), ("ru", 0.15)), "@@######", families=0.3, men=0.45,
       birthplaces=("Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia")),
    _n("KAZ", 3, (("central_cyrl", 1.0),), "N########",
       birthplaces=("Almaty", "Astana", "Aktau", "Shymkent")),
    _n("UZB", 5, (("uz", 1.0),), "@@#######", men=0.8,
       birthplaces=("Tashkent", "Samarkand", "Bukhara", "Namangan", "Fergana")),
    _n("TKM", 4, (("tk", 1.0),), "@#######", men=0.75,
       birthplaces=("Ashgabat", "Turkmenabat", "Dashoguz", "Balkanabat")),
    _n("KGZ", 1.5, (("central_cyrl", 1.0),), "@@#######", men=0.7,
       birthplaces=("Bishkek", "Osh", "Jalal-Abad")),
    _n("TJK", 2, (("central_cyrl", 1.0),), "4########", men=0.8,
       birthplaces=("Dushanbe", "Khujand", "Kulob", "Bokhtar")),
    _n("CHN", 4, (("zh", 1.0),), "E########", families=0.1, men=0.8,
       birthplaces=("Beijing", "Shanghai", "Urumqi", "Xian", "Chengdu")),
    _n("IND", 4, (("in", 1.0),), "@#######", families=0.15, men=0.8,
       birthplaces=("New Delhi", "Mumbai", "Hyderabad", "Chennai", "Amritsar")),
    _n("PAK", 3, (("pk", 1.0),), "@@#######", years=5, families=0.15, men=0.85,
       birthplaces=("Lahore", "Karachi", "Islamabad", "Peshawar", "Faisalabad")),
    _n("AFG", 2, (("fa", 1.0),), "P########", years=5, families=0.4, men=0.7, partial=0.25,
       birthplaces=("Kabul", "Herat", "Mazar-i-Sharif", "Kandahar")),
    _n("BGD", 2, (("bd", 1.0),), "@@#######", years=5, families=0.1, men=0.9, partial=0.15,
       birthplaces=("Dhaka", "Chittagong", "Sylhet", "Khulna")),
    _n("EGY", 1.5, (("ar", 1.0),), "A########", years=7, families=0.2, men=0.75,
       birthplaces=("Cairo", "Alexandria", "Giza", "Mansoura")),
    _n("SYR", 1.5, (("ar", 1.0),), "N########", years=6, families=0.45, men=0.6,
       birthplaces=("Damascus", "Aleppo", "Homs", "Latakia")),
    _n("IRQ", 2, (("ar", 1.0),), "@########", years=8, families=0.3, men=0.7,
       birthplaces=("Baghdad", "Erbil", "Basra", "Mosul", "Kirkuk")),
    _n("BLR", 1.5, (("ru", 1.0),), "@@#######", men=0.55,
       birthplaces=("Minsk", "Gomel", "Vitebsk", "Brest")),
    _n(STATELESS, 1.5, (("az", 0.5), ("ru", 0.3), ("az_ru", 0.2)), "S########", families=0.4,
       men=0.55, partial=0.3, birthplaces=("Bakı", "Sumqayıt", "Gəncə", "Mingəçevir")),
    _n(UNDETERMINED, 0.5, (("fa", 0.4), ("ar", 0.3), ("ru", 0.3)), "", families=0.2,
       men=0.7, partial=0.4, birthplaces=()),
)  # fmt: skip

CUMULATIVE_WEIGHTS: tuple[float, ...] = tuple(
    sum(n.weight for n in NATIONALITIES[: i + 1]) for i in range(len(NATIONALITIES))
)
