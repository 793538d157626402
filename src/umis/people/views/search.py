"""The search screen: one box, a few filters, ranked results that refresh as you type."""

from html import escape
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from umis.core.http import UmisRequest
from umis.core.permissions import require
from umis.people.access import VIEW_PERMISSION
from umis.people.access_search import search_persons
from umis.people.forms import SearchForm
from umis.people.models import CitizenshipStatus, Sex
from umis.people.search import Hit, SearchPage
from umis.people.services import REGISTER_PERMISSION
from umis.people.views.common import (
    is_htmx,
    profile_links,
    remember_purpose,
    remembered_purpose,
    with_page,
)

TEMPLATE = "people/search.html"


def _run(request: UmisRequest) -> tuple[SearchForm, SearchPage | None]:
    """The form as typed and, when it is complete, one audited page of results."""
    require(request.actor, VIEW_PERMISSION)
    if not request.GET:
        return SearchForm(initial={"purpose": remembered_purpose(request)}).live(), None
    form = SearchForm(request.GET).live()
    if not form.is_valid() or not form.cleaned_data["q"].strip():
        return form, None
    purpose = form.cleaned_data["purpose"]
    page = search_persons(actor=request.actor, criteria=form.criteria(), purpose=purpose)
    remember_purpose(request, purpose)
    return form, page


# A line of the results table: the person number linking to the profile, the names,
# date of birth, sex, citizenship and why the person matched.
_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a></th><td><ul class="plain">{}</ul></td>'
    '<td>{}</td><td>{}</td><td>{}</td><td><ul class="plain reasons">{}</ul></td></tr>'
)


def result_rows(hits: list[Hit], purpose: str) -> SafeString:
    """The results table's lines for ``hits``, every value escaped. Written here rather
    than in the template, whose loops, tags and lazy labels cost more than the rest of
    the page (and with ``html.escape``: Django's ``format_html`` checks every value for
    lazy text)."""
    sexes = _labels(Sex.choices)
    statuses = _labels(CitizenshipStatus.choices)
    profile = profile_links(purpose)
    lines = []
    for hit in hits:
        person = hit.person
        born = person.birth_date
        citizenship = ", ".join(hit.citizenships) or statuses.get(person.citizenship_status, "")
        lines.append(
            _ROW.format(
                escape(profile(person.number)),
                escape(person.number_display),
                _items(hit.names),
                escape(str(born) if born else "—"),
                escape(sexes.get(person.sex, "")),
                escape(citizenship),
                _items(hit.reasons),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 (each value escaped above)


def _items(texts: list[str]) -> str:
    """List items of ``texts``, escaped."""
    return "".join(f"<li>{escape(text)}</li>" for text in texts)


def _labels(choices: list[tuple[str, Any]]) -> dict[str, str]:
    """The labels of choices in the active language."""
    return {code: str(label) for code, label in choices}


def _context(request: UmisRequest, form: SearchForm, page: SearchPage | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "can_register": request.actor.can(REGISTER_PERMISSION),
    }
    if page is not None:
        context["rows"] = result_rows(page.hits, form.cleaned_data["purpose"])
        if page.page > 1:
            context["previous_query"] = with_page(request.GET, page.page - 1)
        if page.has_next:
            context["next_query"] = with_page(request.GET, page.page + 1)
    return context


@login_required
@require_GET
def search(request: UmisRequest) -> HttpResponse:
    form, page = _run(request)
    return render(request, TEMPLATE, _context(request, form, page))


@login_required
@require_GET
def results(request: UmisRequest) -> HttpResponse:
    """The results region alone, for htmx; the address bar shows the full search page."""
    search_url = reverse("people:search")
    query = request.GET.urlencode()
    full_page = f"{search_url}?{query}" if query else search_url
    if not is_htmx(request):
        return redirect(full_page)
    form, page = _run(request)
    response = render(request, f"{TEMPLATE}#results", _context(request, form, page))
    return push_url(response, full_page)
