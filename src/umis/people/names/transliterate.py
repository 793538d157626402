"""Transliteration of personal names to one comparable Latin upper-case form.

The output alphabet is the letters A-Z and single spaces, the alphabet of the MRZ
name field (ICAO Doc 9303 part 3, section 4.6) with ``<`` written as a space.

Rules, in the order they apply to each character:

* **Latin letters with diacritics** follow the Doc 9303 part 3 table
  "Transliteration of multinational Latin-based characters": most marks are simply
  dropped (Ş→S, Ç→C, Ğ→G, İ→I, Ñ→N, É→E), a few letters expand: Ä→AE, Ö→OE,
  Ü→UE, Å→AA, Æ→AE, Œ→OE, ß→SS, Þ→TH. So Azerbaijani Öztürk gives OEZTUERK, the
  9303 form, even though Azerbaijani and Turkish passports print OZTURK; the
  match keys (:mod:`umis.people.names.keys`) fold OE/UE back to O/U. Letters the
  9303 table does not list use the issuing practice of the country that writes
  them: Azerbaijani Ə→A (MƏMMƏDOV → MAMMADOV, as on Azerbaijani passports),
  dotless ı→I. Everything else goes through Unicode NFKD with marks removed.
* **Cyrillic** follows the Doc 9303 part 3 Cyrillic table: Х→KH, Ц→TS, Ч→CH,
  Ш→SH, Щ→SHCH, Ж→ZH, Й→I, Ю→IU, Я→IA, Ъ→IE, Ы→Y, Ь dropped, Ё→E, Э→E. Part 3
  lists Ukrainian exceptions (Г→H, И→Y); pass ``language="uk"`` to apply them.
  Letters of other Cyrillic alphabets drop their diacritic, as the Latin rule
  does: Kazakh Ә→A, Ғ→G, Қ→K, Ң→N, Ө→O, Ұ→U, Ү→U, Һ→H, І→I; Azerbaijani
  Cyrillic Ҹ→C and Ј→Y (their Azerbaijani Latin letters), Ҝ→G; Ukrainian
  Є→IE, Ї→I, Ґ→G; Belarusian and Uzbek Ў→U; Tajik Ҷ→J, Ҳ→H, Ӣ→I, Ӯ→U.
* **Georgian** (no table in Doc 9303) follows the Georgian national romanisation
  of 2002, as Georgian passports do, with the apostrophes of the ejectives
  dropped: ქ and კ both K, ფ and პ both P, თ and ტ both T, ჩ and ჭ both CH,
  ც and წ both TS, ღ→GH, ყ→Q, ხ→KH, ჯ→J, ჟ→ZH, შ→SH, ძ→DZ.
* **Arabic script** (Arabic and Persian) gets a simple consonantal
  romanisation. Short vowels are not written in the script, so the result is
  close to a consonant skeleton (محمد → MHMD) and matching such a name relies on
  the consonant-only phonetic key, never on its vowels. Long vowels are kept:
  ا→A, و→U (V at the start of a word, after alef or before a vowel letter),
  ی→I (Y at the start of a word); final ه→E (Persian -eh), ة→A; ع→A; the vowel
  signs fatha/kasra/damma, when present, give A/I/U.

* **Han** (Chinese characters) is written in Hanyu Pinyin without tones, as
  Chinese passports print names (:mod:`umis.people.names.han`): each run of
  characters is one word, except that the first run of a name (no letters before
  it) is read surname first, the surname with its surname reading and apart from
  the given name: 王建华 → WANG JIANHUA, 单田芳 → SHAN TIANFANG. Pass
  ``given_names=True`` for a field of given names only: 建华 → JIANHUA.

Apostrophes are removed (O'NEILL → ONEILL, Doc 9303 part 3); hyphens and every
other non-letter become a space, and runs of spaces collapse. Letters of scripts
without a table here (Greek, Armenian …) are dropped: check :func:`script_of`
before relying on the result for such names.
"""

import unicodedata
from typing import Final

from umis.people.names.han import HAN_RUN, han_name, han_word

# Doc 9303 part 3, multinational Latin-based characters (entries NFKD cannot
# produce), plus Azerbaijani Ə and the Turkish/Azerbaijani dotless ı.
LATIN: Final[dict[str, str]] = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "O", "Ü": "UE", "Œ": "OE",
    "ß": "SS", "ẞ": "SS", "Þ": "TH", "Ð": "D", "Đ": "D", "Ħ": "H", "Ł": "L", "Ŀ": "L", "Ŋ": "N",
    "Ə": "A", "ı": "I", "Ɨ": "I",
}  # fmt: skip

# Doc 9303 part 3 Cyrillic table, then letters of the other Cyrillic alphabets.
CYRILLIC: Final[dict[str, str]] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E",
    "Ю": "IU", "Я": "IA",
    # Ukrainian and Belarusian
    "Є": "IE", "І": "I", "Ї": "I", "Ґ": "G", "Ў": "U",
    # Kazakh, Kyrgyz, Azerbaijani Cyrillic, Tajik, Uzbek
    "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H",
    "Ҹ": "C", "Ј": "Y", "Ҝ": "G", "Ҷ": "J", "Ҳ": "H", "Ӣ": "I", "Ӯ": "U",
}  # fmt: skip

# Doc 9303 part 3, exceptions for the Ukrainian language.
UKRAINIAN_EXCEPTIONS: Final[dict[str, str]] = {"Г": "H", "И": "Y"}

# Georgian national romanisation (2002), ejective apostrophes dropped.
GEORGIAN: Final[dict[str, str]] = {
    "ა": "A", "ბ": "B", "გ": "G", "დ": "D", "ე": "E", "ვ": "V", "ზ": "Z", "თ": "T",
    "ი": "I", "კ": "K", "ლ": "L", "მ": "M", "ნ": "N", "ო": "O", "პ": "P", "ჟ": "ZH",
    "რ": "R", "ს": "S", "ტ": "T", "უ": "U", "ფ": "P", "ქ": "K", "ღ": "GH", "ყ": "Q",
    "შ": "SH", "ჩ": "CH", "ც": "TS", "ძ": "DZ", "წ": "TS", "ჭ": "CH", "ხ": "KH",
    "ჯ": "J", "ჰ": "H",
}  # fmt: skip

# Arabic and Persian letters without context rules (و ی ه are handled in code).
ARABIC: Final[dict[str, str]] = {
    "ا": "A", "آ": "A", "أ": "A", "إ": "I", "ٱ": "A", "ء": "", "ئ": "I", "ؤ": "U",
    "ب": "B", "پ": "P", "ت": "T", "ث": "S", "ج": "J", "چ": "CH", "ح": "H", "خ": "KH",
    "د": "D", "ذ": "Z", "ر": "R", "ز": "Z", "ژ": "ZH", "س": "S", "ش": "SH", "ص": "S",
    "ض": "Z", "ط": "T", "ظ": "Z", "ع": "A", "غ": "GH", "ف": "F", "ق": "Q", "ک": "K",
    "ك": "K", "گ": "G", "ل": "L", "م": "M", "ن": "N", "ى": "A", "ة": "A",
    # vowel signs: fatha, kasra, damma, superscript alef; the others write nothing
    "\u064e": "A", "\u0650": "I", "\u064f": "U", "\u0670": "A",
    "\u064b": "", "\u064c": "", "\u064d": "", "\u0651": "", "\u0652": "", "\u0640": "",
}  # fmt: skip

_WAW: Final = "و"
_YEH: Final = frozenset("یي")
_HEH: Final = frozenset("هہ")
_ALEFS: Final = frozenset("اآأإٱ")
_VOWEL_LETTERS: Final = frozenset("اآو") | _YEH
_ARABIC_MARKS: Final = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")
_APOSTROPHES: Final = frozenset("'’‘`´ʼʻʹ")
_JOINERS: Final = frozenset("\u200c\u200d")


def _with_other_case(table: dict[str, str]) -> dict[str, str]:
    """The table with each key also in its other case, when that is one character."""
    both = dict(table)
    for key, value in table.items():
        for variant in (key.lower(), key.upper()):
            if len(variant) == 1:
                both.setdefault(variant, value)
    return both


_TABLE: Final = _with_other_case(LATIN | CYRILLIC | GEORGIAN) | ARABIC
_UKRAINIAN_TABLE: Final = _TABLE | _with_other_case(UKRAINIAN_EXCEPTIONS)

_SCRIPT_PREFIXES: Final = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("GEORGIAN", "Geor"),
    ("ARABIC", "Arab"),
    ("CJK UNIFIED IDEOGRAPH", "Hani"),
    ("CJK COMPATIBILITY IDEOGRAPH", "Hani"),
    ("GREEK", "Grek"),
    ("ARMENIAN", "Armn"),
    ("HEBREW", "Hebr"),
)


def to_latin(text: str, *, language: str | None = None, given_names: bool = False) -> str:
    """Write a name in the comparable Latin form: A-Z and single spaces.

    ``language="uk"`` applies the Ukrainian exceptions of Doc 9303 part 3; every
    other value, or none, uses the general tables. ``given_names=True`` says the
    text holds given names only (no surname is read off a Chinese name). See the
    module docstring for the rules. ``to_latin("Məmmədov") == "MAMMADOV"``,
    ``to_latin("Юрий") == "IURII"``, ``to_latin("王建华") == "WANG JIANHUA"``.
    """
    table = _UKRAINIAN_TABLE if language == "uk" else _TABLE
    text = unicodedata.normalize("NFKC", text)
    pieces = []
    start = 0
    surname_first = not given_names
    for run in HAN_RUN.finditer(text):
        before = _letters(text[start : run.start()], table)
        surname_first = surname_first and not before.strip()
        pieces += [before, " ", han_name(run[0]) if surname_first else han_word(run[0]), " "]
        surname_first = False
        start = run.end()
    pieces.append(_letters(text[start:], table))
    return " ".join("".join(pieces).split())


def _letters(text: str, table: dict[str, str]) -> str:
    """``text`` without Han characters, letter by letter."""
    pieces = []
    for index, char in enumerate(text):
        if char == _WAW or char in _YEH or char in _HEH:
            pieces.append(_arabic_in_context(text, index))
        elif char in table:
            pieces.append(table[char])
        else:
            pieces.append(_fallback(char))
    return "".join(pieces)


def _fallback(char: str) -> str:
    if char in _APOSTROPHES or char in _JOINERS:
        return ""
    if char.isascii():
        return char.upper() if char.isalpha() else " "
    if not char.isalpha():
        return "" if unicodedata.category(char).startswith("M") else " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part.upper() for part in decomposed if part.isascii() and part.isalpha())


def _arabic_neighbour(text: str, index: int, step: int) -> str | None:
    """The nearest Arabic letter before or after ``index`` within the word."""
    index += step
    while 0 <= index < len(text):
        char = text[index]
        if char not in _ARABIC_MARKS:
            return char if "\u0600" <= char <= "\u06ff" else None
        index += step
    return None


def _arabic_in_context(text: str, index: int) -> str:
    """Waw, yeh and heh, whose reading depends on their place in the word."""
    char = text[index]
    before = _arabic_neighbour(text, index, -1)
    after = _arabic_neighbour(text, index, +1)
    if char in _HEH:
        return "E" if after is None and before is not None else "H"
    if char in _YEH:
        return "Y" if before is None and after is not None else "I"
    consonant = before is None or before in _ALEFS or (after in _VOWEL_LETTERS)
    return "V" if consonant else "U"


def script_of(text: str) -> str:
    """The ISO 15924 code of the script the letters of ``text`` are written in.

    ``Latn``, ``Cyrl``, ``Geor``, ``Arab``, ``Hani``, ``Grek``, ``Armn`` or ``Hebr``
    when every letter belongs to that script; ``Zyyy`` when there are no letters or
    the letters mix scripts; ``Zzzz`` for letters of any other single script.
    Digits, spaces, punctuation and combining marks are ignored.
    """
    scripts = {_script_of_letter(char) for char in text if char.isalpha()}
    if len(scripts) != 1:
        return "Zyyy"
    return scripts.pop()


def _script_of_letter(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zzzz"
