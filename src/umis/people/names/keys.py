"""Match keys and similarity for personal names, shared by search and identity resolution.

A name reaches the system in several scripts and romanisations (Məmmədov, MAMMADOV,
MAMEDOV, Мамедов, MEMMEDOV). Every function here first writes it with
:func:`~umis.people.names.transliterate.to_latin`, then works on three levels:

1. :func:`variant_skeleton` folds the usual alternative romanisations of one
   spelling into one form, by the ordered rules in :data:`SKELETON_RULES`.
2. :func:`phonetic_key` keeps the first letter's class and the consonant classes
   of the skeleton: a loose key for blocking, the only one that sees through
   Arabic script, which writes no short vowels.
3. :func:`name_similarity` scores two names token by token (Jaro-Winkler on the
   skeletons written in consonant classes, and the share of their letters that
   agree) regardless of token order.

:func:`name_keys` gives the blocking keys of one name record; two records are
candidates for the same person when their key sets intersect. Keys are loose by
design (Həsənov and Hüseynov share the phonetic key KSNV): the similarity score
and the other facts of the record decide.

:func:`comparable_form` writes a name's tokens as the similarity compares them;
the registry stores it with each name, so that :meth:`NameScorer.scores`
scores a search's candidates without transliterating them again.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations, permutations
from typing import Final

import numpy
from rapidfuzz.distance import OSA, JaroWinkler, LCSseq
from rapidfuzz.process import cdist

from umis.people.names.transliterate import to_latin


@dataclass(frozen=True, slots=True)
class SkeletonRule:
    """One rewrite of :func:`variant_skeleton`: ``pattern`` becomes ``replacement``."""

    name: str
    pattern: re.Pattern[str]
    replacement: str
    why: str


def _rule(name: str, pattern: str, replacement: str, why: str) -> SkeletonRule:
    return SkeletonRule(name, re.compile(pattern), replacement, why)


# Applied in this order, each once over the whole token. The order matters: longer
# spellings before their parts (TSCH before SCH before SH), SH before KH (so that
# TSKH does not grow a false SH), vowel folding after the consonants.
SKELETON_RULES: Final[tuple[SkeletonRule, ...]] = (
    _rule("tsch", r"TSCH|TCH", "C", "German and French spellings of Ч"),
    _rule("shch", r"SHCH|SCH", "S", "Щ (Doc 9303 SHCH) and German SCH for Ш"),
    _rule("dzh", r"DZH|DJ|ZH", "J", "ДЖ and Ж: DZH, DJ, ZH and J are one sound class"),
    _rule("ch", r"CH", "C", "Ч (Doc 9303 CH) and Ç, which Doc 9303 writes C"),
    _rule("sh", r"SH", "S", "Ш (Doc 9303 SH) and Ş, which Doc 9303 writes S"),
    _rule("kh", r"KH", "H", "Х (Doc 9303 KH), Azerbaijani X, Turkish H"),
    _rule("gh", r"GH|Q", "G", "Azerbaijani Q and Ğ, Persian غ/ق written GH or Q"),
    _rule("x", r"KS|X", "H", "Azerbaijani X is KH; KS (ALEKSANDR) is the X of ALEXANDER"),
    _rule("ph", r"PH", "F", "PH for F"),
    _rule("th", r"TH", "T", "TH for T"),
    _rule("w", r"W", "V", "W for В (German, Polish spellings)"),
    _rule("off", r"(?<=[OE])FF?$", "V", "-OFF and -EFF for the endings -OV and -EV"),
    _rule("y", r"Y", "I", "Y and I as vowels: Ы, Й, Azerbaijani and Turkish Y"),
    _rule("ij", r"IJ$", "I", "final IJ of Slavic -ий written the German way"),
    _rule("double", r"(.)\1+", r"\1", "double letters (MAMMADOV, MAMEDOV)"),
    _rule("umlaut", r"([AOU])E", r"\1", "Doc 9303 AE, OE, UE for Ä, Ö, Ü"),
    _rule("glide_start", r"^I(?=[AEOU])", "", "Я, Ю, Е at the start: YAKOV, IURII, YEVGENIY"),
    _rule("glide_uo", r"I(?=[OU])", "", "Ю after a consonant: LIUDMILA, LYUDMILA, GYULNARA"),
    _rule("glide_vowels", r"(?<=[AEOU])I(?=[AEOU])", "", "Y between vowels: AGAYEV, AGAEV"),
    _rule("final_h", r"(?<=[AEIOU])H$", "", "silent final H: ZADEH, ABDULLAH"),
    _rule("lu", r"LU$", "LI", "surname ending -LI/-LY/-LU"),
    _rule("schwa", r"E", "A", "Ə is written A or E: MAMMADOV, MEMMEDOV, MAMEDOV"),
    _rule("double_again", r"(.)\1+", r"\1", "doubles the rules above created"),
)

_VOWELS: Final = frozenset("AEIOUY")
# Consonant classes of the phonetic key: letters one language writes for
# another's sound (G/H/K/Q/X, C/J), and final devoicing (D/T, B/P, V/F).
_CONSONANT_CLASS: Final[dict[str, str]] = {
    "B": "B", "P": "B", "C": "J", "J": "J", "D": "T", "T": "T", "F": "V", "V": "V",
    "W": "V", "G": "K", "H": "K", "K": "K", "Q": "K", "X": "K", "L": "L", "M": "M",
    "N": "N", "R": "R", "S": "S", "Z": "Z",
}  # fmt: skip

# Markers of a patronymic (Azerbaijani oğlu/qızı, Russian-spelt оглы/кызы, Kazakh
# ұлы/қызы, Kyrgyz уулу) and the Arabic article: not part of who someone is.
DROPPED_TOKENS: Final = frozenset(
    {"OGLU", "OGLY", "OGHLU", "OGLI", "KIZI", "KYZY", "QIZI", "GIZI", "GYZY", "ULY", "UULU"}
    | {"AL", "EL"}
)

# Keys are cut to these lengths so that a pair key fits a 40-character column
# with a "@<year>" suffix; cutting a blocking key only widens its block.
MAX_PHONETIC_KEY_LENGTH: Final = 12
MAX_SKELETON_KEY_LENGTH: Final = 24

EXTRA_TOKEN_WEIGHT: Final = 0.25
INITIAL_SIMILARITY: Final = 0.8
CONSONANTAL_SIMILARITY: Final = 0.95
PREFIX_SCALE: Final = 0.1  # Jaro-Winkler's weight of a common prefix (Winkler's value)
LETTER_SHARE: Final = 0.3  # of a name's score, given to the share of letters that agree
_EXACT_ASSIGNMENT_LIMIT: Final = 6


def variant_skeleton(latin_token: str) -> str:
    """Fold the common alternative romanisations of a name token into one form.

    The token is written with ``to_latin`` first (so any script works), its spaces
    removed, then :data:`SKELETON_RULES` apply in order. YURIY, IURII, YURY and
    YURI all give URI; MAMMADOV, MAMEDOV and MEMMEDOV give MAMADOV.
    """
    return _skeleton(to_latin(latin_token).replace(" ", ""))


@lru_cache(maxsize=65536)
def _skeleton(token: str) -> str:
    for rule in SKELETON_RULES:
        token = rule.pattern.sub(rule.replacement, token)
    return token


def phonetic_key(token: str) -> str:
    """A consonant-class code of the token's skeleton, for blocking.

    The first letter keeps its class (any vowel is ``A``); later vowels are
    dropped; each consonant becomes its class (see ``_CONSONANT_CLASS``), and
    neighbouring letters of one class count once. MAMMADOV, MAMEDOV, MEMMEDOV,
    Мамедов and Məmmədov give MMTV; YURIY, IURII, YURY and Юрий give AR.
    """
    skeleton = variant_skeleton(token)
    if not skeleton:
        return ""
    codes = ["A" if skeleton[0] in _VOWELS else _CONSONANT_CLASS[skeleton[0]]]
    previous: str | None = codes[0]
    for letter in skeleton[1:]:
        code = None if letter in _VOWELS else _CONSONANT_CLASS[letter]
        if code is not None and code != previous:
            codes.append(code)
        previous = code
    return "".join(codes)


def name_tokens(
    surname: str, given_names: str | Sequence[str] = (), patronymic: str = ""
) -> list[str]:
    """The distinct Latin tokens of a name, sorted, patronymic markers dropped.

    Sorting makes the result independent of how the parts were ordered or
    split between fields: matching treats a name as a bag of tokens, because
    records disagree on which part is the surname and whether the patronymic
    sits inside the given names. The surname may also be a whole name written
    surname first (what a search box gets); it matters for Chinese characters
    only (see ``to_latin``).
    """
    given = [given_names] if isinstance(given_names, str) else list(given_names)
    return sorted(set(_latin_tokens([surname, *given, patronymic])))


def _latin_tokens(parts: Iterable[str]) -> list[str]:
    """The tokens of a name's parts: the first a surname or whole name, the others given names."""
    return [
        token
        for position, part in enumerate(parts)
        for token in _part_tokens(part, given_names=position > 0)
    ]


@lru_cache(maxsize=262144)
def _part_tokens(part: str, *, given_names: bool = False) -> tuple[str, ...]:
    """The Latin tokens of one name field; cached, as search scores the same names often."""
    latin = to_latin(part, given_names=given_names)
    return tuple(token for token in latin.split() if token not in DROPPED_TOKENS)


def name_keys(
    surname: str, given_names: str | Sequence[str] = (), patronymic: str = ""
) -> set[str]:
    """The blocking keys of one name record.

    ``p:<key>`` the phonetic key of each token, ``v:<skeleton>`` the variant
    skeleton of each token, and ``pp:<key>+<key>`` each unordered pair of distinct
    phonetic keys (the selective one: surname and a given name together). Tokens
    of one letter (initials) give no keys. Phonetic keys are cut to 12
    characters and skeletons to 24, so no key is longer than 28.
    """
    tokens = [token for token in name_tokens(surname, given_names, patronymic) if len(token) > 1]
    phonetic = sorted({phonetic_key(token)[:MAX_PHONETIC_KEY_LENGTH] for token in tokens})
    keys = {f"p:{key}" for key in phonetic}
    keys |= {f"v:{variant_skeleton(token)[:MAX_SKELETON_KEY_LENGTH]}" for token in tokens}
    keys |= {f"pp:{first}+{second}" for first, second in combinations(phonetic, 2)}
    return keys


def trigrams(text: str) -> set[str]:
    """Trigrams of the variant skeletons of the tokens of ``text``.

    Each token is padded like PostgreSQL's pg_trgm does (two spaces before, one
    after), so a trigram index over these sees through romanisation variants
    as well as typing errors.
    """
    grams: set[str] = set()
    for token in _latin_tokens([text]):
        padded = f"  {variant_skeleton(token)} "
        grams.update(padded[index : index + 3] for index in range(len(padded) - 2))
    return grams


def jaro_winkler(first: str, second: str, *, prefix_scale: float = PREFIX_SCALE) -> float:
    """Jaro-Winkler similarity in [0, 1]; a common prefix of up to 4 letters counts extra."""
    return float(JaroWinkler.similarity(first, second, prefix_weight=prefix_scale))


@dataclass(frozen=True, slots=True)
class _Token:
    classes: str  # the skeleton with each consonant replaced by its class
    consonantal: bool  # written mostly without vowels, as Arabic script is


def _comparable(parts: Sequence[str]) -> list[_Token]:
    """The distinct comparable tokens of the parts of a name (each may hold several words);
    the first part is a surname or a whole name, the others given names."""
    seen: dict[str, _Token] = {}
    for position, part in enumerate(parts):
        for comparable in _comparable_part(part, position > 0):
            seen.setdefault(comparable.classes, comparable)
    return list(seen.values())


@lru_cache(maxsize=262144)
def _comparable_part(part: str, given_names: bool) -> tuple[_Token, ...]:
    return tuple(_comparable_token(token) for token in _part_tokens(part, given_names=given_names))


@lru_cache(maxsize=262144)
def _comparable_token(latin_token: str) -> _Token:
    skeleton = _skeleton(latin_token)
    classes = "".join(
        letter if letter in _VOWELS else _CONSONANT_CLASS[letter] for letter in skeleton
    )
    vowels = sum(letter in _VOWELS for letter in skeleton)
    return _Token(classes, vowels * 2 <= len(skeleton) - vowels)


def comparable_form(surname: str, given_names: str = "", patronymic: str = "") -> str:
    """The name's tokens as :class:`NameScorer` compares them, as one text to store with
    the name, so that scoring a stored name needs no transliteration.

    Each distinct token is its skeleton written in consonant classes, marked with a
    leading ``~`` when written mostly without vowels; tokens are separated by spaces.
    A change to :data:`SKELETON_RULES`, the consonant classes or ``to_latin`` changes
    these forms: stored ones are then rebuilt by a migration, as the keys are.
    """
    return " ".join(_stored(token) for token in _comparable((surname, given_names, patronymic)))


_CONSONANTAL_MARK: Final = "~"


def _stored(token: _Token) -> str:
    """A token as :func:`comparable_form` writes it."""
    return f"{_CONSONANTAL_MARK if token.consonantal else ''}{token.classes}"


def _pair_tables(mine: Sequence[_Token], others: Sequence[str]) -> numpy.ndarray:
    """For each of ``others`` (tokens as :func:`comparable_form` writes them) and each of
    ``mine``: the tokens' similarity and the share of their letters that agree, as an
    array of shape (2, others, mine).

    The similarity is 1 for the same classes; for an initial, 0.8 against a token of
    that initial, else 0; otherwise the Jaro-Winkler similarity of the class strings,
    at least 0.95 where a token written mostly without vowels fits into the other
    (see :func:`name_similarity`). The agreement is the longer token's letters less
    the edits from one to the other (a letter replaced, dropped, added, or two
    neighbours swapped), over the longer token's letters; where a rule above set the
    similarity (an initial, a fit), it is the agreement too.

    Computed for all pairs at once (rapidfuzz's ``cdist`` and array operations), as a
    search compares a few query tokens with a few hundred of its candidates'.
    """
    theirs = [text.removeprefix(_CONSONANTAL_MARK) for text in others]
    ours = [t.classes for t in mine]
    jaro = cdist(
        theirs,
        ours,
        scorer=JaroWinkler.similarity,
        scorer_kwargs={"prefix_weight": PREFIX_SCALE},
        dtype=numpy.float64,
    )
    edits = cdist(theirs, ours, scorer=OSA.normalized_similarity, dtype=numpy.float64)
    # a token's letters after the first, all found in order in the other's
    common = cdist([c[1:] for c in theirs], [c[1:] for c in ours], scorer=LCSseq.similarity)
    their_length = numpy.array([len(c) for c in theirs])[:, None]
    our_length = numpy.array([len(c) for c in ours])[None, :]
    same_start = _starts(theirs)[:, None] == _starts(ours)[None, :]
    their_fit = numpy.array([t[:1] == _CONSONANTAL_MARK for t in others])[:, None] & (
        common == their_length - 1
    )
    our_fit = numpy.array([t.consonantal for t in mine])[None, :] & (common == our_length - 1)
    fits = same_start & (their_fit | our_fit)
    initial = (our_length == 1) | (their_length == 1)
    similarity = numpy.where(fits, numpy.maximum(jaro, CONSONANTAL_SIMILARITY), jaro)
    similarity = numpy.where(initial, numpy.where(same_start, INITIAL_SIMILARITY, 0.0), similarity)
    same = edits == 1.0  # the same classes
    similarity[same] = 1.0
    agreement = numpy.where(fits | initial, similarity, edits)
    return numpy.stack([similarity, agreement])


def _starts(tokens: Sequence[str]) -> numpy.ndarray:
    """How each token starts, as a code: any vowel is one start, a consonant's class another."""
    return numpy.array([0 if token[0] in _VOWELS else ord(token[0]) for token in tokens])


def name_similarity(a_tokens: Sequence[str], b_tokens: Sequence[str]) -> float:
    """How alike two names are, in [0, 1], whatever the order of their tokens.

    Each token is paired with at most one token of the other name, the pairing that
    scores highest. Two tokens are alike by two measures (see :func:`_pair_tables`):

    - their similarity: 1 when their skeletons agree up to consonant class
      (GASANOV, HASANOV), else the Jaro-Winkler similarity of those class strings;
      a token written mostly without vowels, as Arabic script is, scores at least
      0.95 against a token holding its letters in order (MHMD and MOHAMMAD, not
      MHMUD and MOHAMMAD); an initial against a name with that initial scores 0.8;
    - the share of their letters that agree, typing errors counted as edits.
      Jaro-Winkler forgives a typo in a long token, little in a short one (USV
      against UVS scores 0.56); counting letters forgives one typo as much anywhere.

    The paired tokens' similarities are summed and divided by the shorter name's
    token count plus 0.25 for every token the longer name has in excess, so a
    dropped second given name or a patronymic kept among the given names costs a
    little, not a whole token. The agreeing letters of the pairs are summed and
    divided by the pairs' letters (each pair counts its longer token's) plus a
    quarter of the unpaired tokens' letters. The score takes 70 % of the first and
    30 % of the second (:data:`LETTER_SHARE`): ERIKSSON ANNA MARIA against ANNA
    ERIKSSON scores 0.7 × 2 / 2.25 + 0.3 × 10 / 11.25 ≈ 0.89.
    Tokens may be in any script; parts holding several words are split.
    """
    return NameScorer(a_tokens).score(b_tokens)


class NameScorer:
    """:func:`name_similarity` of many names against one, as a search compares them.

    The one name's tokens are prepared once, and for each token of the other names
    its similarities and agreements with them are kept: candidates found through
    shared keys share most of their tokens, so most tokens are looked up, not
    compared again. Names with the same number of tokens are scored together, every
    pairing of their tokens with ours at once (array operations), without a loop
    over a search's candidates.
    """

    __slots__ = ("_lengths", "_row", "_table", "_their_lengths", "_tokens")

    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = _comparable(tokens)
        self._lengths = numpy.array([len(t.classes) for t in self._tokens])
        # a row per token of other names met so far (as stored): its (similarity,
        # agreement) with each of ours, and its letters
        self._row: dict[str, int] = {}
        self._table = numpy.empty((0, 2, len(self._tokens)))
        self._their_lengths = numpy.empty(0, dtype=numpy.int64)

    def score(self, other: Sequence[str]) -> float:
        """Similarity to the other name, given as its tokens or its parts (fields)."""
        return float(self.scores([" ".join(_stored(token) for token in _comparable(other))])[0])

    def scores(self, forms: Sequence[str]) -> numpy.ndarray:
        """Similarity to each name given by its :func:`comparable_form`, as an array.

        A form whose tokens are not one space apart is refused (``ValueError``).
        """
        scores = numpy.zeros(len(forms))
        if not self._tokens or not forms:
            return scores
        tokens = " ".join(forms).split()
        counts = numpy.array([form.count(" ") + 1 if form else 0 for form in forms])
        if len(tokens) != counts.sum():
            raise ValueError("the tokens of a comparable form are one space apart")
        self._learn(set(tokens))
        row = self._row
        token_rows = numpy.array([row[text] for text in tokens], dtype=numpy.intp)
        starts = numpy.cumsum(counts) - counts
        for length in numpy.unique(counts[counts > 0]).tolist():
            names = numpy.flatnonzero(counts == length)
            rows = token_rows[starts[names][:, None] + numpy.arange(length)]
            scores[names] = self._scores_together(self._table[rows], self._their_lengths[rows])
        return scores

    def _learn(self, texts: set[str]) -> None:
        """Compare the tokens not met before with ours."""
        new = list(texts - self._row.keys())
        if not new:
            return
        self._row.update(zip(new, range(len(self._row), len(self._row) + len(new)), strict=True))
        tables = _pair_tables(self._tokens, new).transpose(1, 0, 2)
        lengths = [len(text) - text.startswith(_CONSONANTAL_MARK) for text in new]
        self._table = numpy.concatenate([self._table, tables])
        self._their_lengths = numpy.concatenate([self._their_lengths, lengths])

    def _scores_together(
        self, tables: numpy.ndarray, their_lengths: numpy.ndarray
    ) -> numpy.ndarray:
        """The score of names with the same number of tokens, each at its best pairing.

        ``tables`` has, for each name, a row per token of theirs holding the
        (similarity, agreement) pair with each token of ours; ``their_lengths`` the
        letters of their tokens.
        """
        names, theirs, _, mine = tables.shape
        similarity, agreement = tables[:, :, 0, :], tables[:, :, 1, :]
        ours = self._lengths[None, None, :]
        letters = numpy.maximum(their_lengths[:, :, None], ours)
        paired = their_lengths[:, :, None] + ours
        total = their_lengths.sum(axis=1) + self._lengths.sum()
        # each pairing's sums, over the rows of the side with fewer tokens
        measures = numpy.stack([similarity, agreement * letters, letters, paired])
        if mine < theirs:
            measures = measures.transpose(0, 1, 3, 2)
        rows, columns = sorted((mine, theirs))
        if columns <= _EXACT_ASSIGNMENT_LIMIT:
            chosen = numpy.array(_choices(columns, rows))
            sums = measures[:, :, numpy.arange(rows), chosen].sum(axis=3)
        else:
            chosen = numpy.array([_greedy_pairing(name) for name in measures[0]])
            sums = measures[:, numpy.arange(names)[:, None], numpy.arange(rows), chosen]
            sums = sums.sum(axis=2)[:, :, None]
        matched, agreeing, pair_letters, paired_letters = sums
        tokens = matched / (rows + EXTRA_TOKEN_WEIGHT * (columns - rows))
        unpaired = total[:, None] - paired_letters
        letter_share = agreeing / (pair_letters + EXTRA_TOKEN_WEIGHT * unpaired)
        blended: numpy.ndarray = (1 - LETTER_SHARE) * tokens + LETTER_SHARE * letter_share
        return blended.max(axis=1)


@cache
def _choices(columns: int, rows: int) -> tuple[tuple[int, ...], ...]:
    """Every way of giving each of ``rows`` rows a distinct one of ``columns`` columns."""
    return tuple(permutations(range(columns), rows))


def _greedy_pairing(similarity: numpy.ndarray) -> list[int]:
    """For each row, a distinct column: the most alike pair first, then the next free."""
    rows, columns = similarity.shape
    ranked = sorted(
        (
            (similarity[row, column], row, column)
            for row in range(rows)
            for column in range(columns)
        ),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, row, column in ranked:
        if row not in chosen and column not in used:
            chosen[row] = column
            used.add(column)
    return [chosen[row] for row in range(rows)]
