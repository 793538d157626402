"""Translation catalogues: complete, consistent, compiled, and used by the pages."""

import gettext
import re
import shutil
from io import BytesIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from pytest_django.fixtures import Settings

from umis.core import i18n

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
REQUIRED = ["az", "ru"]
SIGN_IN = {"az": "Daxil olun", "ru": "Войти", "en": "Sign in"}

# Independent of umis.core.i18n on purpose: %(name)… and {name}, never "{{".
NAMED_PERCENT = re.compile(r"%\((\w+)\)")
NAMED_BRACE = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def load(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def names(text: str) -> set[str]:
    return {f"%({name})" for name in NAMED_PERCENT.findall(text)} | {
        f"{{{name}}}" for name in NAMED_BRACE.findall(text)
    }


def test_compilecatalogs_check_passes() -> None:
    call_command("compilecatalogs", "--check", verbosity=0)


@pytest.mark.parametrize("language", REQUIRED)
def test_every_entry_is_translated(language: str) -> None:
    po = load(language)
    assert len(po) > 0
    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_placeholders_match_the_msgid(language: str) -> None:
    wrong = []
    for entry in load(language):
        if entry.msgid_plural:
            expected = names(entry.msgid_plural)
            translations = list(entry.msgstr_plural.values())
        else:
            expected = names(entry.msgid)
            translations = [entry.msgstr]
        wrong += [(entry.msgid, t) for t in translations if t and names(t) != expected]
        wrong += [(entry.msgid, p) for p in i18n.placeholder_problems(entry)]
    assert wrong == []


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_plural_forms_match_django(language: str) -> None:
    po = load(language)
    count = i18n.nplurals(po.metadata.get("Plural-Forms"))
    assert count == i18n.nplurals(i18n.django_plural_forms(language))
    assert po.metadata["Language"] == language
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == count, entry.msgid


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_login_page_is_in_the_chosen_language(language: str) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert f'<h1 id="signin-title">{SIGN_IN[language]}</h1>' in page


def test_placeholder_parsing() -> None:
    found = i18n.placeholders("%(name)s has %(count)d, %(last)02d days, 100%% {when} {{ x }}")
    assert set(found) == {"%(name)", "%(count)", "%(last)", "{when}"}
    assert i18n.placeholders("%s and %d")["%s"] == 2


def test_compiled_catalogue_is_sorted_stable_and_readable() -> None:
    po = load("ru")
    first, second = i18n.compile_mo(po), i18n.compile_mo(load("ru"))
    assert first == second
    translation = gettext.GNUTranslations(BytesIO(first))
    assert translation.gettext("Sign in") == "Войти"
    assert translation.pgettext("button: merge the two records", "Merge") == "Объединить"
    # Sorted by key as msgfmt sorts: a message with a context is "context\x04msgid".
    keys = [
        f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        for entry in _mo_entries(first)
    ]
    assert keys == sorted(keys, key=lambda text: text.encode())
    # Dates change at every extraction; they stay out of the .mo.
    assert "POT-Creation-Date" not in translation.info()


def _mo_entries(data: bytes) -> list[polib.MOEntry]:
    return list(polib.mofile(data))


def _catalogue_copy(tmp_path: Path, settings: Settings) -> Path:
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.md"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return tmp_path / "locale" / "ru" / "LC_MESSAGES"


def test_check_refuses_a_stale_mo(tmp_path: Path, settings: Settings) -> None:
    messages = _catalogue_copy(tmp_path, settings)
    po = polib.pofile(str(messages / "django.po"))
    po.find("Sign in").msgstr = "Вход"
    po.save()
    with pytest.raises(CommandError):
        call_command("compilecatalogs", "--check", verbosity=0)
    call_command("compilecatalogs", verbosity=0)
    call_command("compilecatalogs", "--check", verbosity=0)


def test_check_refuses_untranslated_and_fuzzy(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    messages = _catalogue_copy(tmp_path, settings)
    po = polib.pofile(str(messages / "django.po"))
    po.find("Sign in").msgstr = ""
    po.find("Sign out").flags.append("fuzzy")
    po.save()
    call_command("compilecatalogs", verbosity=0)
    with pytest.raises(CommandError):
        call_command("compilecatalogs", "--check", verbosity=0)
    errors = capsys.readouterr().err
    assert "'Sign in' is untranslated" in errors
    assert "'Sign out' is fuzzy" in errors


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


PYTHON_SOURCE = """from django.utils.translation import gettext_lazy as _, ngettext, pgettext

LABEL = _("plain")
JOINED = _(
    "joined "  # a comment between the parts
    "text"
)
CONTEXT = pgettext("month", "May")
PLURAL = ngettext("%(n)d day", "%(n)d days", 2)
QUOTED = _('say "yes"\\n')
DYNAMIC = _(LABEL)
FORMATTED = _(f"{LABEL}")
"""

TEMPLATE_SOURCE = """{% load i18n %}
<h1>{% translate "Title" %}</h1>
    <p>{% translate "Month" context "calendar" %}</p>
{% blocktranslate trimmed with name=user %}
  Hello {{ name }},
  welcome
{% endblocktranslate %}
{% blocktranslate count c=n %}{{ c }} file{% plural %}{{ c }} files{% endblocktranslate %}
<p>100% {% translate "50% off" %}</p>
"""


def test_source_messages_reads_python_and_templates_as_makemessages_does(
    tmp_path: Path,
) -> None:
    root = _package(
        tmp_path,
        {
            "app/models.py": PYTHON_SOURCE,
            "app/templates/app/page.html": TEMPLATE_SOURCE,
            "app/templates/app/mail.txt": '{% load i18n %}{% translate "Mail" %}',
            "app/notes.md": '_("not a source file")',
            "static/app.py": '_("static files are skipped")',
            "var/run.py": '_("data files are skipped")',
            "app/locale/x.py": '_("locale directories are skipped")',
            ".hidden/x.py": '_("hidden directories are skipped")',
        },
    )
    found = i18n.source_messages(root)
    assert set(found) == {
        (None, "plain"),
        (None, "joined text"),
        ("month", "May"),
        (None, "%(n)d day"),
        (None, 'say "yes"\n'),
        (None, "Title"),
        ("calendar", "Month"),
        (None, "Hello %(name)s, welcome"),
        (None, "%(c)s file"),
        (None, "50%% off"),
        (None, "Mail"),
    }
    assert found[(None, "Title")] == Path("app/templates/app/page.html")
    # Templates are read in memory: no "page.html.py" left behind as makemessages does.
    assert not list(tmp_path.rglob("*.html.py"))


def test_check_refuses_messages_missing_from_the_catalogues(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    _catalogue_copy(tmp_path, settings)
    settings.PACKAGE_DIR = _package(
        tmp_path / "package",
        {
            "accounts/views.py": "from django.utils.translation import gettext as _\n"
            '_("Sign in")\n_("A message nobody extracted")\n',
        },
    )
    call_command("compilecatalogs", verbosity=0)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    with pytest.raises(CommandError):
        call_command("compilecatalogs", "--check", verbosity=0)
    errors = capsys.readouterr().err
    for language in ("az", "en", "ru"):
        assert (
            f"{language}/LC_MESSAGES/django.po: 1 message(s) in the sources are not in this "
            "catalogue (run `umis compilecatalogs --extract`): "
            "'A message nobody extracted' (accounts/views.py)"
        ) in errors
    assert "'Sign in'" not in errors
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    assert after == before


def test_stale_problem_names_a_few_messages() -> None:
    missing = [f"'m{number}' (a.py)" for number in range(8)]
    problem = i18n.stale_problem(missing)
    assert problem.startswith("8 message(s) in the sources are not in this catalogue")
    assert "'m4' (a.py) and 3 more" in problem
    assert "'m5'" not in problem
