"""Chinese names in Han characters: Hanyu Pinyin as Chinese passports print it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from umis.demo.population.spelling import PINYIN
from umis.people.names.han import SURNAMES
from umis.people.names.keys import name_keys, name_similarity, name_tokens
from umis.people.names.transliterate import to_latin


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # surname first, the given name one word
        ("王建华", "WANG JIANHUA"),
        ("王 建华", "WANG JIANHUA"),
        ("张伟", "ZHANG WEI"),
        ("李小龙", "LI XIAOLONG"),
        ("周恩来", "ZHOU ENLAI"),
        ("毛泽东", "MAO ZEDONG"),
        ("邓小平", "DENG XIAOPING"),
        # surnames read as surnames, not as the character reads in a word
        ("单田芳", "SHAN TIANFANG"),
        ("曾国藩", "ZENG GUOFAN"),
        ("解缙", "XIE JIN"),
        ("区志强", "OU ZHIQIANG"),
        ("仇英", "QIU YING"),
        ("朴树", "PIAO SHU"),
        ("查良镛", "ZHA LIANGYONG"),
        ("翟志刚", "ZHAI ZHIGANG"),
        ("乐嘉", "YUE JIA"),
        ("覃雪梅", "QIN XUEMEI"),
        ("缪斯", "MIAO SI"),
        ("盖聂", "GE NIE"),
        ("單田芳", "SHAN TIANFANG"),
        # compound surnames
        ("欧阳娜娜", "OUYANG NANA"),
        ("司马光", "SIMA GUANG"),
        ("诸葛亮", "ZHUGE LIANG"),
        ("上官婉儿", "SHANGGUAN WANER"),
        ("长孙无忌", "ZHANGSUN WUJI"),
        ("尉迟恭", "YUCHI GONG"),
        ("欧阳", "OUYANG"),
        ("歐陽修", "OUYANG XIU"),
        # Ü written YU (GB/T 28039), after J, Q, X, Y plain U
        ("吕布", "LYU BU"),
        ("女娲", "NYU WA"),
        ("徐静", "XU JING"),
        ("吕小军", "LYU XIAOJUN"),
        # traditional characters
        ("張偉", "ZHANG WEI"),
        ("陳建國", "CHEN JIANGUO"),
        # Han after Latin letters: no surname is read off it
        ("WANG 建华", "WANG JIANHUA"),
    ],
)
def test_names_surname_first(name: str, expected: str) -> None:
    assert to_latin(name) == expected


@pytest.mark.parametrize(
    ("given_names", "expected"),
    [
        ("建华", "JIANHUA"),
        ("单", "DAN"),  # a given name takes the common reading
        ("曾", "CENG"),
        ("乐天", "LETIAN"),
        ("小明", "XIAOMING"),
        ("婉儿", "WANER"),
        ("西安", "XIAN"),
    ],
)
def test_given_names_are_one_word_without_surname_readings(given_names: str, expected: str) -> None:
    assert to_latin(given_names, given_names=True) == expected


def test_every_surname_reading_is_upper_case_pinyin() -> None:
    assert all(reading.isascii() and reading.isupper() for reading in SURNAMES.values())
    assert all(1 <= len(surname) <= 2 for surname in SURNAMES)


@pytest.mark.parametrize(("character", "pinyin"), sorted(PINYIN.items()))
def test_the_demo_generators_passport_forms(character: str, pinyin: str) -> None:
    # the generator writes the passport forms from a table of its own
    assert to_latin(character) == pinyin.upper()


def test_a_name_typed_in_one_box_gives_the_keys_of_its_fields() -> None:
    assert name_tokens("王建华") == name_tokens("王", "建华") == ["JIANHUA", "WANG"]
    assert name_keys("王建华") == name_keys("王", "建华") == name_keys("WANG", "JIANHUA")
    assert name_keys("单田芳") == name_keys("SHAN", "TIANFANG")


def test_similarity_across_scripts() -> None:
    assert name_similarity(["王", "建华"], ["WANG", "JIANHUA"]) == 1.0
    assert name_similarity(["王建华"], ["JIANHUA", "WANG"]) == 1.0
    assert name_similarity(["曾", "国藩"], ["ZENG", "GUOFAN"]) == 1.0
    assert name_similarity(["王建华"], ["ZHANG", "LIPING"]) < 0.9


@given(st.text(alphabet="王李张单曾解欧阳司马吕女建华国小明 ", max_size=12))
def test_output_is_upper_case_letters_and_single_spaces(text: str) -> None:
    for given_names in (False, True):
        result = to_latin(text, given_names=given_names)
        assert set(result) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ ")
        assert result == " ".join(result.split())
        assert to_latin(result) == result
