"""Translation catalogues: extraction, checks and reproducible compilation.

The ``.po`` files under ``settings.LOCALE_PATHS`` are the source of truth; the
``.mo`` files next to them are committed and always built from them with
``umis compilecatalogs`` (pure Python, through polib), never with ``msgfmt``, so
the same ``.po`` gives byte-identical ``.mo`` on every machine. English is the
language of the msgids: its catalogue may stay untranslated. Every other
language in ``settings.LANGUAGES`` must be complete.
"""

import ast
import contextlib
import io
import os
import re
import tokenize
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import django
import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.utils import is_ignored_path
from django.utils.translation import get_language_info
from django.utils.translation.template import templatize

SOURCE_LANGUAGE = "en"
PROJECT = "UMIS"

# Only these headers go into a .mo: they are all gettext and Django read, and
# leaving out the dates keeps the .mo unchanged when only the dates moved.
MO_HEADERS = (
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)

# %(name)s, %(count)d, %(last)02d … and unnamed %s, %d; "%%" is a literal percent.
_PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.\d+)?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)
# {name}, {0}, {name!r:>10}; "{{" and "}}" are literal braces.
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[A-Za-z_][\w.]*|\d+)?(?:![rsa])?(?::[^{}]*)?\}")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")

# What makemessages skips under the package (ours, then its own defaults).
IGNORE_PATTERNS = ["locale/*", "static/*", "var/*"]
_DEFAULT_IGNORE_PATTERNS = ["CVS", ".*", "*~", "*.pyc"]
# The files makemessages reads for the "django" domain; all but .py are templates.
SOURCE_EXTENSIONS = (".py", ".html", ".txt")
# The functions makemessages has xgettext look for (Python's defaults and
# Django's): name → positions of the context argument and of the msgid.
_KEYWORDS: dict[str, tuple[int | None, int]] = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
# A quick look for a call before the slower tokenizing.
_CALL = re.compile(r"\b(?:" + "|".join(_KEYWORDS) + r")\s*\(")
_SKIPPED_TOKENS = {
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.COMMENT,
    tokenize.INDENT,
    tokenize.DEDENT,
}


@dataclass(frozen=True)
class Catalogue:
    language: str
    domain: str
    po_path: Path

    @property
    def mo_path(self) -> Path:
        return self.po_path.with_suffix(".mo")

    def load(self) -> Any:
        return polib.pofile(str(self.po_path), wrapwidth=78)


def locale_dirs() -> list[Path]:
    return [Path(path) for path in settings.LOCALE_PATHS]


def required_languages() -> list[str]:
    """Languages whose catalogues must be complete: all but the source language."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def catalogues() -> list[Catalogue]:
    """Every ``<locale dir>/<language>/LC_MESSAGES/<domain>.po``, in a stable order."""
    found = []
    for directory in locale_dirs():
        for po_path in sorted(directory.glob("*/LC_MESSAGES/*.po")):
            found.append(
                Catalogue(language=po_path.parent.parent.name, domain=po_path.stem, po_path=po_path)
            )
    return found


@cache
def django_plural_forms(language: str) -> str | None:
    """The Plural-Forms Django's own catalogue uses, so both merge into one catalogue."""
    path = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return None
    value = polib.pofile(str(path)).metadata.get("Plural-Forms")
    return str(value).strip() if value else None


def nplurals(plural_forms: str | None) -> int | None:
    match = _NPLURALS.search(plural_forms or "")
    return int(match.group(1)) if match else None


def placeholders(text: str) -> Counter[str]:
    """The format placeholders in ``text``: ``%(name)s`` → ``%(name)``, ``{name}`` → ``{name}``.

    Unnamed ``%s``/``%d`` count as ``%s`` each; their number must match too.
    """
    found: Counter[str] = Counter()
    for match in _PERCENT.finditer(text):
        if match.group("conv") == "%":
            continue
        found[f"%({match.group('name')})" if match.group("name") is not None else "%s"] += 1
    for match in _BRACE.finditer(text):
        if match.group(0) in ("{{", "}}"):
            continue
        found["{" + (match.group("field") or "") + "}"] += 1
    return found


def _uses_python_format(entry: Any) -> bool:
    return "python-format" in entry.flags or "python-brace-format" in entry.flags


def placeholder_problems(entry: Any) -> list[str]:
    """Translations whose placeholders differ from the msgid's (named ones as a set)."""
    if not _uses_python_format(entry):
        # Without the flag Python never formats the string, so "%" is plain text.
        return []
    if entry.msgid_plural:
        expected = placeholders(entry.msgid_plural)
        translations = [text for _index, text in sorted(entry.msgstr_plural.items())]
    else:
        expected = placeholders(entry.msgid)
        translations = [entry.msgstr]
    problems = []
    for text in translations:
        if not text:
            continue
        got = placeholders(text)
        if _named(got) != _named(expected) or got["%s"] != expected["%s"]:
            problems.append(
                f"placeholders {sorted(got)} in {text!r} do not match {sorted(expected)}"
            )
    return problems


def _named(found: Counter[str]) -> set[str]:
    return {key for key in found if key != "%s"}


def describe(entry: Any) -> str:
    where = f"line {entry.linenum}" if entry.linenum else "?"
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{where}: {context}{entry.msgid!r}"


def catalogue_problems(catalogue: Catalogue, po: Any) -> list[str]:
    """Everything that stops ``po`` from being committed, one line each."""
    problems = []
    if po.metadata_is_fuzzy:
        problems.append("header is marked fuzzy")
    if po.metadata.get("Language") != catalogue.language:
        problems.append(f"header Language is {po.metadata.get('Language')!r}")
    plural_forms = po.metadata.get("Plural-Forms")
    count = nplurals(plural_forms)
    expected_forms = django_plural_forms(catalogue.language)
    if count is None:
        problems.append(f"header Plural-Forms is not set: {plural_forms!r}")
    elif expected_forms and _squash(plural_forms) != _squash(expected_forms):
        problems.append(f"header Plural-Forms differs from Django's: {expected_forms!r}")
    must_translate = catalogue.language != SOURCE_LANGUAGE
    for entry in po:
        if entry.obsolete:
            continue
        if entry.fuzzy:
            problems.append(f"{describe(entry)} is fuzzy")
            continue
        if entry.msgid_plural and count is not None and len(entry.msgstr_plural) != count:
            problems.append(
                f"{describe(entry)} has {len(entry.msgstr_plural)} plural forms, needs {count}"
            )
        if must_translate and not entry.translated():
            problems.append(f"{describe(entry)} is untranslated")
        problems += [f"{describe(entry)}: {problem}" for problem in placeholder_problems(entry)]
    return problems


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def compile_mo(po: Any) -> bytes:
    """The ``.mo`` bytes for ``po``: translated entries sorted by msgid, stable header."""
    stable = polib.POFile()
    stable.metadata = {name: po.metadata[name] for name in MO_HEADERS if name in po.metadata}
    for entry in po.translated_entries():
        stable.append(entry)
    # polib sorts the entries by (context, msgid) bytes, as msgfmt does.
    return bytes(stable.to_binary())


def normalise_header(catalogue: Catalogue) -> bool:
    """Fill in the header fields makemessages leaves as template text, and write the
    file in polib's layout so that every tool leaves the same bytes behind."""
    po = catalogue.load()
    try:
        name = str(get_language_info(catalogue.language)["name"])
    except KeyError:
        name = catalogue.language
    po.header = f"{PROJECT} translation catalogue: {name}.\nSee src/umis/locale/README.md."
    po.metadata_is_fuzzy = False
    po.metadata["Project-Id-Version"] = PROJECT
    po.metadata["Language"] = catalogue.language
    po.metadata["Language-Team"] = f"{PROJECT} {catalogue.language}"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata.pop("Report-Msgid-Bugs-To", None)
    if "EMAIL@ADDRESS" in po.metadata.get("Last-Translator", "EMAIL@ADDRESS"):
        po.metadata["Last-Translator"] = f"{PROJECT} translators"
    if po.metadata.get("PO-Revision-Date", "").startswith("YEAR"):
        po.metadata["PO-Revision-Date"] = po.metadata.get("POT-Creation-Date", "")
    plural_forms = django_plural_forms(catalogue.language)
    if plural_forms and nplurals(po.metadata.get("Plural-Forms")) is None:
        po.metadata["Plural-Forms"] = plural_forms
    return save_po(po, catalogue.po_path)


def save_po(po: Any, path: Path) -> bool:
    """Write ``po`` to ``path`` unless it already holds exactly that text."""
    text = str(po)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def extract(languages: list[str], *, verbosity: int = 1) -> None:
    """Run ``makemessages`` over the package only (never tests or the virtualenv),
    then tidy every catalogue's header.

    Needs GNU gettext (xgettext, msgmerge). Existing translations are kept;
    msgmerge may guess some new ones and mark them fuzzy for review. A catalogue
    whose messages did not change keeps its old dates, so re-running is a no-op.
    """
    before = {c.po_path: c.load() for c in catalogues()}
    with contextlib.chdir(settings.PACKAGE_DIR):
        call_command(
            "makemessages",
            locale=languages,
            domain="django",
            no_obsolete=True,
            add_location="file",
            ignore_patterns=list(IGNORE_PATTERNS),
            verbosity=verbosity,
        )
    for catalogue in catalogues():
        normalise_header(catalogue)
        old = before.get(catalogue.po_path)
        if old is None:
            continue
        po = catalogue.load()
        if _undated(po) == _undated(old):
            for field in _DATE_HEADERS:
                if field in old.metadata:
                    po.metadata[field] = old.metadata[field]
            save_po(po, catalogue.po_path)


_DATE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date")


def _undated(po: Any) -> str:
    return "\n".join(
        line
        for line in str(po).splitlines()
        if not line.startswith(tuple(f'"{field}:' for field in _DATE_HEADERS))
    )


MessageKey = tuple[str | None, str]


def source_files(root: Path) -> list[Path]:
    """The files under ``root`` that ``--extract`` reads, as makemessages finds them."""
    patterns = IGNORE_PATTERNS + _DEFAULT_IGNORE_PATTERNS
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if name != "locale" and not is_ignored_path(here / name, patterns)
        )
        found += [
            here / name
            for name in sorted(filenames)
            if name.endswith(SOURCE_EXTENSIONS) and not is_ignored_path(here / name, patterns)
        ]
    return found


def source_messages(root: Path | None = None) -> dict[MessageKey, Path]:
    """Every (context, msgid) the sources under ``root`` (the package) mark for
    translation, with the first file that holds it.

    Reads what ``--extract`` would, without GNU gettext and without writing
    anything: Python files as they are, templates through Django's
    ``templatize`` (what makemessages feeds xgettext), and takes the string
    literals passed to the gettext functions.
    """
    root = Path(settings.PACKAGE_DIR) if root is None else root
    messages: dict[MessageKey, Path] = {}
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            # Only gettext calls and blanked-out text: no block structure, so the
            # indentation that would trouble Python's tokenizer can go.
            text = "\n".join(line.lstrip() for line in templatize(text, str(path)).splitlines())
        if not _CALL.search(text):
            continue
        relative = path.relative_to(root)
        for key in _marked_strings(text):
            messages.setdefault(key, relative)
    return messages


def _marked_strings(code: str) -> Iterator[MessageKey]:
    """The (context, msgid) of every gettext call with literal arguments in ``code``."""
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in _SKIPPED_TOKENS
    ]
    for index, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in _KEYWORDS:
            continue
        if tokens[index + 1].string != "(":
            continue
        arguments = _literal_arguments(tokens, index + 2)
        context_at, msgid_at = _KEYWORDS[token.string]
        msgid = arguments[msgid_at] if msgid_at < len(arguments) else None
        context = arguments[context_at] if context_at is not None else None
        if msgid is None or (context_at is not None and context is None):
            continue
        yield context, msgid


def _literal_arguments(tokens: list[tokenize.TokenInfo], start: int) -> list[str | None]:
    """The arguments of the call whose first token is ``tokens[start]``: the text
    of each one that is only string literals (joined, as Python does), else None."""
    arguments: list[str | None] = []
    current: list[tokenize.TokenInfo] = []
    depth = 1
    for token in tokens[start:]:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        if depth == 0 or (depth == 1 and token.type == tokenize.OP and token.string == ","):
            arguments.append(_literal_text(current))
            current = []
            if depth == 0:
                break
            continue
        current.append(token)
    return arguments


def _literal_text(tokens: list[tokenize.TokenInfo]) -> str | None:
    if not tokens or any(token.type != tokenize.STRING for token in tokens):
        return None
    values = [ast.literal_eval(token.string) for token in tokens]
    return "".join(values) if all(isinstance(value, str) for value in values) else None


def missing_messages(po: Any, expected: dict[MessageKey, Path]) -> list[str]:
    """The source messages ``po`` lacks (extraction is stale), described one each."""
    present = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    return [
        (f"[{context}] " if context else "") + f"{msgid!r} ({path})"
        for (context, msgid), path in expected.items()
        if (context, msgid) not in present
    ]


def stale_problem(missing: list[str], shown: int = 5) -> str:
    more = f" and {len(missing) - shown} more" if len(missing) > shown else ""
    return (
        f"{len(missing)} message(s) in the sources are not in this catalogue "
        f"(run `umis compilecatalogs --extract`): {', '.join(missing[:shown])}{more}"
    )


def iter_problems() -> Iterator[tuple[Catalogue, str]]:
    """Every problem ``compilecatalogs --check`` reports, catalogue by catalogue."""
    present = {(c.language, c.domain) for c in catalogues()}
    for language in required_languages():
        if (language, "django") not in present:
            yield Catalogue(language, "django", Path("<missing>")), "no django.po catalogue"
    expected: dict[MessageKey, Path] | None = None
    for catalogue in catalogues():
        po = catalogue.load()
        for problem in catalogue_problems(catalogue, po):
            yield catalogue, problem
        if catalogue.domain == "django":
            expected = source_messages() if expected is None else expected
            missing = missing_messages(po, expected)
            if missing:
                yield catalogue, stale_problem(missing)
        if not catalogue.mo_path.exists():
            yield catalogue, f"{catalogue.mo_path.name} is missing"
        elif catalogue.mo_path.read_bytes() != compile_mo(po):
            yield catalogue, f"{catalogue.mo_path.name} is not what the .po compiles to"
    for directory in locale_dirs():
        for mo_path in sorted(directory.glob("*/LC_MESSAGES/*.mo")):
            if not mo_path.with_suffix(".po").exists():
                yield (
                    Catalogue(mo_path.parent.parent.name, mo_path.stem, mo_path),
                    f"{mo_path.name} has no .po",
                )
