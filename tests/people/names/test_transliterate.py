import pytest
from hypothesis import given
from hypothesis import strategies as st

from umis.people.names.transliterate import (
    ARABIC,
    CYRILLIC,
    GEORGIAN,
    LATIN,
    UKRAINIAN_EXCEPTIONS,
    script_of,
    to_latin,
)

# Every table entry with the form we expect, written out by hand (Doc 9303 part 3
# for Latin and Cyrillic, the Georgian national system, our Arabic-script choice).
LATIN_EXPECTED = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "O", "Ü": "UE", "Œ": "OE", "ß": "SS",
    "ẞ": "SS", "Þ": "TH", "Ð": "D", "Đ": "D", "Ħ": "H", "Ł": "L", "Ŀ": "L", "Ŋ": "N",
    "Ə": "A", "ı": "I", "Ɨ": "I",
}  # fmt: skip
CYRILLIC_EXPECTED = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
    "Я": "IA", "Є": "IE", "І": "I", "Ї": "I", "Ґ": "G", "Ў": "U", "Ә": "A", "Ғ": "G",
    "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H", "Ҹ": "C", "Ј": "Y",
    "Ҝ": "G", "Ҷ": "J", "Ҳ": "H", "Ӣ": "I", "Ӯ": "U",
}  # fmt: skip
GEORGIAN_EXPECTED = {
    "ა": "A", "ბ": "B", "გ": "G", "დ": "D", "ე": "E", "ვ": "V", "ზ": "Z", "თ": "T",
    "ი": "I", "კ": "K", "ლ": "L", "მ": "M", "ნ": "N", "ო": "O", "პ": "P", "ჟ": "ZH",
    "რ": "R", "ს": "S", "ტ": "T", "უ": "U", "ფ": "P", "ქ": "K", "ღ": "GH", "ყ": "Q",
    "შ": "SH", "ჩ": "CH", "ც": "TS", "ძ": "DZ", "წ": "TS", "ჭ": "CH", "ხ": "KH", "ჯ": "J",
    "ჰ": "H",
}  # fmt: skip
ARABIC_EXPECTED = {
    "ا": "A", "آ": "A", "أ": "A", "إ": "I", "ٱ": "A", "ء": "", "ئ": "I", "ؤ": "U",
    "ب": "B", "پ": "P", "ت": "T", "ث": "S", "ج": "J", "چ": "CH", "ح": "H", "خ": "KH",
    "د": "D", "ذ": "Z", "ر": "R", "ز": "Z", "ژ": "ZH", "س": "S", "ش": "SH", "ص": "S",
    "ض": "Z", "ط": "T", "ظ": "Z", "ع": "A", "غ": "GH", "ف": "F", "ق": "Q", "ک": "K",
    "ك": "K", "گ": "G", "ل": "L", "م": "M", "ن": "N", "ى": "A", "ة": "A",
    "\u064e": "A", "\u0650": "I", "\u064f": "U", "\u0670": "A", "\u064b": "", "\u064c": "",
    "\u064d": "", "\u0651": "", "\u0652": "", "\u0640": "",
}  # fmt: skip


def test_every_table_entry_has_an_expectation_here() -> None:
    assert LATIN == LATIN_EXPECTED
    assert CYRILLIC == CYRILLIC_EXPECTED
    assert GEORGIAN == GEORGIAN_EXPECTED
    assert ARABIC == ARABIC_EXPECTED
    assert UKRAINIAN_EXCEPTIONS == {"Г": "H", "И": "Y"}


@pytest.mark.parametrize(
    ("letter", "expected"),
    [*LATIN_EXPECTED.items(), *CYRILLIC_EXPECTED.items(), *GEORGIAN_EXPECTED.items()],
)
def test_each_letter_in_either_case(letter: str, expected: str) -> None:
    assert to_latin(letter) == expected
    for other_case in (letter.lower(), letter.upper()):
        if len(other_case) == 1:
            assert to_latin(other_case) == expected


@pytest.mark.parametrize(("letter", "expected"), ARABIC_EXPECTED.items())
def test_each_arabic_script_letter(letter: str, expected: str) -> None:
    assert to_latin(letter) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Məmmədov", "MAMMADOV"),
        ("Мамедов", "MAMEDOV"),
        ("MEMMEDOV", "MEMMEDOV"),
        ("İsmayılov", "ISMAYILOV"),
        ("Şəhriyar Çələbi", "SAHRIYAR CALABI"),
        ("Ağaoğlu", "AGAOGLU"),
        ("Öztürk", "OEZTUERK"),
        ("Gülnarə", "GUELNARA"),
        ("Юрий", "IURII"),
        ("Щукин", "SHCHUKIN"),
        ("Хрущёв", "KHRUSHCHEV"),
        ("Подъячев", "PODIEIACHEV"),
        ("Наталья", "NATALIA"),
        ("Цой Виктор", "TSOI VIKTOR"),
        ("Нұрсұлтан Әбішұлы Назарбаев", "NURSULTAN ABISHULY NAZARBAEV"),
        ("Ҹәфәров Јусиф", "CAFAROV YUSIF"),
        ("Олександр", "OLEKSANDR"),
        ("მიხეილ სააკაშვილი", "MIKHEIL SAAKASHVILI"),
        ("ჭავჭავაძე", "CHAVCHAVADZE"),
        ("წერეთელი", "TSERETELI"),
        ("ყიფიანი", "QIPIANI"),
        ("ᲒᲘᲝᲠᲒᲘ", "GIORGI"),
        ("François Müller", "FRANCOIS MUELLER"),
        ("Øster Ærø", "OSTER AERO"),
        ("Straße", "STRASSE"),
    ],
)
def test_names(name: str, expected: str) -> None:
    assert to_latin(name) == expected


def test_ukrainian_exceptions_apply_only_when_asked() -> None:
    assert to_latin("Григорій", language="uk") == "HRYHORII"
    assert to_latin("Григорій") == "GRIGORII"
    assert to_latin("Ганна Лисенко", language="uk") == "HANNA LYSENKO"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("محمد", "MHMD"),  # short vowels are not written
        ("مُحَمَّد", "MUHAMAD"),  # unless the vowel signs are
        ("حسین", "HSIN"),
        ("علی", "ALI"),
        ("علی‌زاده", "ALIZADE"),  # zero-width non-joiner; final heh as E
        ("فاطمه", "FATME"),
        ("فاطمة", "FATMA"),  # ta marbuta
        ("داود", "DAVD"),  # waw after alef is V
        ("محمود", "MHMUD"),  # waw between consonants is U
        ("نوید", "NVID"),  # waw before a vowel letter is V
        ("وحید", "VHID"),  # waw at the start is V
        ("یوسف", "YUSF"),  # yeh at the start is Y
        ("مهدی", "MHDI"),  # heh inside a word is H
        ("عبدالله", "ABDALLE"),
        ("مصطفى", "MSTFA"),  # alef maksura
        ("ه", "H"),
    ],
)
def test_arabic_script_names(name: str, expected: str) -> None:
    assert to_latin(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O'Neill", "ONEILL"),
        ("D’Artagnan", "DARTAGNAN"),
        ("Мар'яна", "MARIANA"),
        ("Jean-Luc", "JEAN LUC"),
        ("  anna \t  maria  ", "ANNA MARIA"),
        ("Ivanov, Ivan (Jr.)", "IVANOV IVAN JR"),
        ("Anna2", "ANNA"),
        ("", ""),
        ("- ' -", ""),
    ],
)
def test_punctuation_and_spacing(text: str, expected: str) -> None:
    assert to_latin(text) == expected


@pytest.mark.parametrize("text", ["Αθηνά", "Հայկ"])
def test_letters_of_scripts_without_a_table_are_dropped(text: str) -> None:
    assert to_latin(text) == ""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Məmmədov", "Latn"),
        ("ANNA-MARIA O'NEILL", "Latn"),
        ("Мамедов", "Cyrl"),
        ("Нұрсұлтан", "Cyrl"),
        ("გიორგი", "Geor"),
        ("ᲒᲘᲝᲠᲒᲘ", "Geor"),
        ("محمد", "Arab"),
        ("حسین گلپایگانی", "Arab"),
        ("张伟", "Hani"),
        ("Αθηνά", "Grek"),
        ("Հայկ", "Armn"),
        ("דוד", "Hebr"),
        ("ሰላም", "Zzzz"),
        ("", "Zyyy"),
        ("12-34 .", "Zyyy"),
        ("Иван Ivanov", "Zyyy"),
    ],
)
def test_script_of(text: str, code: str) -> None:
    assert script_of(text) == code


ANY_NAME_TEXT = st.text(
    alphabet=st.characters(
        categories=["L", "M", "Zs", "Pd", "Po"], max_codepoint=0x10FF, exclude_characters="\x85"
    ),
    max_size=40,
)
CASED_LETTERS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ƏəĞğİıŞşÇçÖöÜüÄäÅåÆæØøßÑñÉéŁł"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ӘәҒғҚқҢңӨөҰұҮүҺһІіЇїЄєҐґЎўҸҹЈј"
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"
)


@given(ANY_NAME_TEXT)
def test_output_is_upper_case_letters_and_single_spaces(text: str) -> None:
    result = to_latin(text)
    assert set(result) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ ")
    assert result == " ".join(result.split())


@given(ANY_NAME_TEXT)
def test_transliteration_is_idempotent(text: str) -> None:
    assert to_latin(to_latin(text)) == to_latin(text)


@given(st.text(alphabet=CASED_LETTERS + " -", max_size=30))
def test_case_does_not_matter(text: str) -> None:
    assert to_latin(text.lower()) == to_latin(text.upper()) == to_latin(text)
