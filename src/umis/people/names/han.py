"""Chinese names in Han characters written in Hanyu Pinyin, as Chinese passports print them.

Doc 9303 has no table for Han script; the issuing practice (Chinese passports,
GB/T 28039-2011) writes each name part in Hanyu Pinyin without tones, the
syllables of one part as one word, surname first: 王建华 → WANG JIANHUA,
欧阳娜娜 → OUYANG NANA. Ü is written YU (吕 → LYU, 女 → NYU).

Readings come from pypinyin (its phrase table settles most characters that have
several readings). A surname has readings of its own that pypinyin does not know
(单 is DAN in a word and SHAN as a surname, 曾 CENG and ZENG, 解 JIE and XIE):
:data:`SURNAMES` holds those and the compound surnames, and applies to the
surname only — the start of a full name, or a surname field — never to given
names.
"""

import re
from functools import lru_cache
from typing import Final

# Surnames whose reading differs from the one pypinyin gives the character in
# general use, and compound (two-character) surnames; simplified and traditional.
SURNAMES: Final[dict[str, str]] = {
    "单": "SHAN", "單": "SHAN", "曾": "ZENG", "解": "XIE", "区": "OU", "區": "OU",
    "仇": "QIU", "朴": "PIAO", "查": "ZHA", "盖": "GE", "蓋": "GE", "缪": "MIAO",
    "繆": "MIAO", "覃": "QIN", "翟": "ZHAI", "乐": "YUE", "樂": "YUE", "繁": "PO",
    "种": "CHONG", "種": "CHONG", "重": "CHONG", "秘": "BI", "都": "DU", "员": "YUN",
    "員": "YUN", "冼": "XIAN", "洗": "XIAN", "尉": "WEI", "折": "SHE", "那": "NA",
    "佴": "NAI", "粘": "NIAN", "藏": "ZANG", "扎": "ZA", "薄": "BO", "召": "SHAO",
    "句": "GOU", "能": "NAI", "厍": "SHE", "隗": "WEI", "燕": "YAN", "过": "GUO",
    "過": "GUO", "纪": "JI", "紀": "JI", "华": "HUA", "華": "HUA", "宿": "SU",
    "沈": "SHEN", "柏": "BAI", "褚": "CHU", "阚": "KAN", "殷": "YIN", "牟": "MOU",
    "贾": "JIA", "賈": "JIA", "盛": "SHENG", "石": "SHI", "车": "CHE", "車": "CHE",
    "叶": "YE", "葉": "YE", "陆": "LU", "陸": "LU", "强": "QIANG", "強": "QIANG",
    # compound surnames
    "欧阳": "OUYANG", "歐陽": "OUYANG", "司马": "SIMA", "司馬": "SIMA",
    "上官": "SHANGGUAN", "诸葛": "ZHUGE", "諸葛": "ZHUGE", "夏侯": "XIAHOU",
    "皇甫": "HUANGFU", "令狐": "LINGHU", "慕容": "MURONG", "东方": "DONGFANG",
    "東方": "DONGFANG", "司徒": "SITU", "公孙": "GONGSUN", "公孫": "GONGSUN",
    "宇文": "YUWEN", "长孙": "ZHANGSUN", "長孫": "ZHANGSUN", "尉迟": "YUCHI",
    "尉遲": "YUCHI", "万俟": "MOQI", "萬俟": "MOQI", "单于": "CHANYU", "單于": "CHANYU",
    "澹台": "TANTAI", "淳于": "CHUNYU", "轩辕": "XUANYUAN", "軒轅": "XUANYUAN",
    "端木": "DUANMU", "呼延": "HUYAN", "钟离": "ZHONGLI", "鍾離": "ZHONGLI",
    "申屠": "SHENTU", "闻人": "WENREN", "聞人": "WENREN", "赫连": "HELIAN",
    "赫連": "HELIAN", "南宫": "NANGONG", "南宮": "NANGONG", "西门": "XIMEN",
    "西門": "XIMEN", "司空": "SIKONG", "独孤": "DUGU", "獨孤": "DUGU", "拓跋": "TUOBA",
    "完颜": "WANYAN", "完顏": "WANYAN",
}  # fmt: skip

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B-H.
HAN_RUN: Final = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]+")


def has_han(text: str) -> bool:
    return HAN_RUN.search(text) is not None


@lru_cache(maxsize=65536)
def han_word(run: str) -> str:
    """One run of Han characters as one word of Pinyin, upper case: 建华 → JIANHUA."""
    from pypinyin import Style, lazy_pinyin  # its tables take a while to load

    syllables = lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
    return "".join(syllables).upper().replace("V", "YU")


def han_name(run: str) -> str:
    """A run of Han characters read as a name, surname first: 单田芳 → SHAN TIANFANG.

    The surname is a compound surname of :data:`SURNAMES` when the run starts with
    one (and is longer than it), else the first character; it takes its surname
    reading. A run that is exactly a compound surname is that surname alone.
    """
    if run in SURNAMES:
        return SURNAMES[run]
    length = 2 if len(run) > 2 and run[:2] in SURNAMES else 1
    surname, given = run[:length], run[length:]
    written = SURNAMES.get(surname) or han_word(surname)
    return f"{written} {han_word(given)}" if given else written
