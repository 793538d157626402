"""How names change with sex, family and script: feminine surnames, patronymics, spellings.

The rules are the common cases only, enough for plausible synthetic names:

* Russian-type surnames take a feminine ending (Иванов → Иванова, Aliyev →
  Aliyeva, Толстой → Толстая); Georgian, Ukrainian ``-enko``, Turkish and the
  others do not change.
* Russian patronymics from the father's given name (Сергей → Сергеевич /
  Сергеевна, Игорь → Игоревич, Никита → Никитич, otherwise ``-ович``/``-овна``);
  Azerbaijani ones are the father's name with *oğlu* / *qızı* (*оглы* / *кызы*
  in Russian documents), Uzbek ones with *o‘g‘li* / *qizi*.
* Azerbaijani and Uzbek Latin names written in Cyrillic as Russian and Central
  Asian documents do (Məmmədov → Мамедов, Hüseynov → Гусейнов, Əliyev → Алиев).
* Chinese names in Hanyu Pinyin without tones, the given name written as one
  word, as Chinese passports print them (王 建华 → WANG JIANHUA).
"""

import re
from typing import Final

# Hanyu Pinyin of the surnames and given-name characters Faker's zh_CN uses.
PINYIN: Final[dict[str, str]] = {
    "王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang",
    "黄": "huang", "吴": "wu", "赵": "zhao", "周": "zhou", "徐": "xu", "孙": "sun",
    "马": "ma", "朱": "zhu", "胡": "hu", "林": "lin", "郭": "guo", "何": "he", "高": "gao",
    "罗": "luo", "郑": "zheng", "梁": "liang", "谢": "xie", "宋": "song", "唐": "tang",
    "许": "xu", "邓": "deng", "冯": "feng", "韩": "han", "曹": "cao", "曾": "zeng",
    "彭": "peng", "萧": "xiao", "蔡": "cai", "潘": "pan", "田": "tian", "董": "dong",
    "袁": "yuan", "于": "yu", "余": "yu", "叶": "ye", "蒋": "jiang", "杜": "du", "苏": "su",
    "魏": "wei", "程": "cheng", "吕": "lyu", "丁": "ding", "沈": "shen", "任": "ren",
    "姚": "yao", "卢": "lu", "傅": "fu", "钟": "zhong", "姜": "jiang", "崔": "cui",
    "谭": "tan", "廖": "liao", "范": "fan", "汪": "wang", "陆": "lu", "金": "jin",
    "石": "shi", "戴": "dai", "贾": "jia", "韦": "wei", "夏": "xia", "邱": "qiu",
    "方": "fang", "侯": "hou", "邹": "zou", "熊": "xiong", "孟": "meng", "秦": "qin",
    "白": "bai", "江": "jiang", "阎": "yan", "薛": "xue", "尹": "yin", "段": "duan",
    "伟": "wei", "强": "qiang", "磊": "lei", "洋": "yang", "勇": "yong", "军": "jun",
    "杰": "jie", "涛": "tao", "超": "chao", "明": "ming", "刚": "gang", "平": "ping",
    "辉": "hui", "鹏": "peng", "华": "hua", "飞": "fei", "鑫": "xin", "波": "bo",
    "斌": "bin", "宇": "yu", "浩": "hao", "凯": "kai", "健": "jian", "俊": "jun",
    "帆": "fan", "帅": "shuai", "旭": "xu", "宁": "ning", "龙": "long", "欢": "huan",
    "佳": "jia", "阳": "yang", "建": "jian", "亮": "liang", "成": "cheng", "峰": "feng",
    "国": "guo", "志": "zhi", "晨": "chen", "瑞": "rui", "兵": "bing", "雷": "lei",
    "东": "dong", "博": "bo", "彬": "bin", "坤": "kun", "想": "xiang", "岩": "yan",
    "文": "wen", "利": "li", "楠": "nan", "红": "hong", "霞": "xia", "芳": "fang",
    "娜": "na", "敏": "min", "静": "jing", "秀": "xiu", "英": "ying", "丽": "li",
    "艳": "yan", "娟": "juan", "兰": "lan", "燕": "yan", "玲": "ling", "桂": "gui",
    "丹": "dan", "萍": "ping", "玉": "yu", "梅": "mei", "莉": "li", "珍": "zhen",
    "婷": "ting", "凤": "feng", "晶": "jing", "颖": "ying", "雪": "xue", "慧": "hui",
    "倩": "qian", "琴": "qin", "畅": "chang", "云": "yun", "洁": "jie", "柳": "liu",
    "淑": "shu", "春": "chun", "海": "hai", "冬": "dong", "荣": "rong", "琳": "lin",
    "欣": "xin", "香": "xiang", "芝": "zhi", "小": "xiao", "瑜": "yu", "花": "hua",
    "璐": "lu",
}  # fmt: skip


def has_pinyin(text: str) -> bool:
    return all(char in PINYIN for char in text)


def pinyin(text: str) -> str:
    """The passport form of a Chinese name part: 建华 → JIANHUA."""
    return "".join(PINYIN[char] for char in text).upper()


_CYRILLIC_FEMININE: Final = (
    (re.compile(r"(ов|ев|ёв|ин|ын)$"), r"\1а"),
    (re.compile(r"(ск|цк)ий$"), r"\1ая"),
    (re.compile(r"ой$"), "ая"),
)
_LATIN_FEMININE: Final = ((re.compile(r"(ov|ev)$"), r"\1a"),)


def feminine_surname(surname: str) -> str:
    for pattern, replacement in (*_CYRILLIC_FEMININE, *_LATIN_FEMININE):
        if pattern.search(surname):
            return pattern.sub(replacement, surname)
    return surname


def russian_patronymic(father: str, sex: str) -> str:
    male = sex != "F"
    if father.endswith(("ий", "ей", "ай")):
        return father[:-1] + ("евич" if male else "евна")
    if father.endswith("ь"):
        return father[:-1] + ("евич" if male else "евна")
    if father.endswith(("а", "я")):
        return father[:-1] + ("ич" if male else "ична")
    if father.endswith(("о", "и", "у", "е", "ё", "ю")):
        return father + ("евич" if male else "евна")
    return father + ("ович" if male else "овна")


TURKIC_MARKERS: Final = {
    "az": ("oğlu", "qızı"),
    "az_cyrl": ("оглы", "кызы"),
    "uz": ("o‘g‘li", "qizi"),
}


def turkic_patronymic(father: str, sex: str, language: str) -> str:
    son, daughter = TURKIC_MARKERS[language]
    return f"{father} {daughter if sex == 'F' else son}"


_TO_CYRILLIC_PAIRS: Final = (
    ("o‘", "у"), ("g‘", "г"), ("o'", "у"), ("g'", "г"), ("sh", "ш"), ("ch", "ч"),
    ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"),
)  # fmt: skip
_TO_CYRILLIC: Final[dict[str, str]] = {
    "a": "а", "b": "б", "c": "дж", "ç": "ч", "d": "д", "e": "е", "f": "ф", "g": "г",
    "ğ": "г", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к", "q": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "ö": "ё", "p": "п", "r": "р", "s": "с", "ş": "ш",
    "t": "т", "u": "у", "ü": "у", "v": "в", "y": "й", "z": "з", "’": "", "'": "",
}  # fmt: skip
_DOUBLE_CONSONANT: Final = re.compile(r"([бвгджзклмнпрстфхцчш])\1")


def cyrillic_spelling(name: str) -> str:
    """An Azerbaijani or Uzbek Latin name as Russian-language documents write it."""
    return " ".join(_word_in_cyrillic(word) for word in name.split())


def _word_in_cyrillic(word: str) -> str:
    text = word.lower().replace("i̇", "i")
    out: list[str] = []
    seen_schwa = False
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        match = next((c for latin, c in _TO_CYRILLIC_PAIRS if latin == pair), None)
        if match is not None:
            out.append(match)
            index += 2
            continue
        char = text[index]
        if char == "ə":
            out.append("е" if seen_schwa else "а")
            seen_schwa = True
        elif char == "h":
            out.append("г" if index == 0 else "х")
        else:
            out.append(_TO_CYRILLIC.get(char, char))
        index += 1
    cyrillic = _DOUBLE_CONSONANT.sub(r"\1", "".join(out)).replace("ийе", "ие")
    return cyrillic[:1].upper() + cyrillic[1:]
