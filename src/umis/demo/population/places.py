"""Where in Azerbaijan the synthetic foreigners live: Baku's districts first, then other cities."""

from random import Random
from typing import Final

# (city or district, weight): most foreigners live in Baku.
CITIES: Final = (
    ("Bakı, Nəsimi r.", 12), ("Bakı, Yasamal r.", 11), ("Bakı, Nərimanov r.", 10),
    ("Bakı, Xətai r.", 10), ("Bakı, Binəqədi r.", 8), ("Bakı, Nizami r.", 7),
    ("Bakı, Səbail r.", 6), ("Bakı, Sabunçu r.", 5), ("Bakı, Suraxanı r.", 3),
    ("Bakı, Xəzər r.", 3), ("Bakı, Qaradağ r.", 2), ("Sumqayıt", 7), ("Gəncə", 4),
    ("Lənkəran", 2), ("Mingəçevir", 2), ("Şirvan", 1), ("Şəki", 1), ("Quba", 1),
    ("Xaçmaz", 1), ("Astara", 1), ("Qazax", 1), ("Naxçıvan", 1),
)  # fmt: skip
STREETS: Final = (
    "Nizami küç.", "Füzuli küç.", "Azadlıq pr.", "Heydər Əliyev pr.", "Səməd Vurğun küç.",
    "Üzeyir Hacıbəyov küç.", "Rəşid Behbudov küç.", "Tbilisi pr.", "Babək pr.",
    "Neftçilər pr.", "Bakıxanov küç.", "Cəfər Cabbarlı küç.", "Xətai pr.", "Qara Qarayev pr.",
    "Zərifə Əliyeva küç.", "Şərifzadə küç.", "Mirzə Fətəli Axundov küç.", "Əhməd Cavad küç.",
    "Atatürk pr.", "Məhəmməd Hadi küç.", "Hüseyn Cavid pr.", "Mehdi Abbasov küç.",
)  # fmt: skip
_CUMULATIVE: Final = tuple(sum(w for _c, w in CITIES[: i + 1]) for i in range(len(CITIES)))


def address(rng: Random) -> tuple[str, str]:
    """A street address and its city or Baku district."""
    (city, _weight), *_rest = rng.choices(CITIES, cum_weights=_CUMULATIVE)
    street = STREETS[int(rng.random() * len(STREETS))]
    house = rng.randint(1, 220)
    if rng.random() < 0.7:
        return f"{street} {house}, mənzil {rng.randint(1, 160)}", city
    return f"{street} {house}", city
