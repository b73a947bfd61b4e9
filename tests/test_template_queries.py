"""P1: no query from a template on the key pages, and the detector that tells (querybron)."""

from collections.abc import Callable

import pytest

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.template import Engine, RequestContext
from django.test import Client, RequestFactory
from django.urls import reverse

from devtools.querybron import query_sources
from duaal.accounts.constants import Rol

from .query_budget import (
    MAX_QUERIES,
    assert_query_budget,
    dossiers,
    leerlingen_en_overeenkomsten,
    mentoren_met_alles,
    vereisten_en_mentoren,
)
from .world import Side, World

pytestmark = pytest.mark.django_db


# --- The detector ---------------------------------------------------------------------------


def test_a_query_the_view_runs_is_the_views() -> None:
    with query_sources() as sources:
        list(get_user_model().objects.all())
    [query] = sources.queries
    assert query.source == "view"
    assert __file__ in query.where


def test_a_lazy_lookup_in_a_template_is_the_templates_and_says_where() -> None:
    user = get_user_model().objects.create(email="lui@voorbeeld.be")
    template = Engine().from_string("<p>\n{% for m in user.memberships.all %}{{ m }}{% endfor %}")
    with query_sources() as sources:
        template.render(RequestContext(HttpRequest(), {"user": user}))
    [query] = sources.template
    assert "accounts_membership" in query.sql
    assert query.where.endswith(":2 {% for m in user.memberships.all %}")
    assert "1 of 1 queries from a template" in sources.report()


def test_a_context_processor_query_counts_apart() -> None:
    def aantal_gebruikers(request: HttpRequest) -> dict[str, int]:
        return {"aantal": get_user_model().objects.count()}

    template = Engine().from_string("{{ aantal }}")
    context = RequestContext(RequestFactory().get("/"), processors=[aantal_gebruikers])
    with query_sources() as sources:
        assert template.render(context) == "0"
    [query] = sources.context_processor
    assert not sources.template
    assert query.where.endswith("in aantal_gebruikers")


def test_the_budget_helper_catches_a_template_that_fetches_its_rows(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search as it was: a lazy page whose rows the template's {% if %} fetched."""

    def lazy_pagina(request: HttpRequest, qs, per_pagina: int) -> Page:
        return Paginator(qs, per_pagina).get_page(request.GET.get("pagina"))

    monkeypatch.setattr("erkenning.views.erkenning.pagina", lazy_pagina)
    side = world.sides["A"]
    with pytest.raises(AssertionError, match=r"(?s)from a template.*publiek_zoeken\.html:\d+"):
        assert_query_budget(
            Client(), reverse("erkenning:publiek_zoeken"), lambda n: dossiers(side, n)
        )


# --- The key pages of quality.md P1, as bench_pages measures them ---------------------------


def _werkgever_rijen(side: Side, n: int) -> None:
    dossiers(side, n)
    mentoren_met_alles(side, n)
    leerlingen_en_overeenkomsten(side, n)


def _school_rijen(side: Side, n: int) -> None:
    dossiers(side, n)
    leerlingen_en_overeenkomsten(side, n)


def _dashboard() -> str:
    return reverse("portaal:dashboard")


def _zoeken(side: Side) -> str:
    query = f"?opleiding={side.opleiding.public_id}&plaats={side.vestiging.postcode}"
    return reverse("erkenning:publiek_zoeken") + query


KEY_PAGES: dict[str, tuple[str | None, Callable[[Side], str], Callable[[Side, int], None]]] = {
    "consultant queue": (
        Rol.SECTORCONSULENT,
        lambda side: reverse("erkenning:wachtrij"),
        dossiers,
    ),
    "application detail (consultant)": (
        Rol.SECTORCONSULENT,
        lambda side: side.aanvraag.get_absolute_url(),
        lambda side, n: vereisten_en_mentoren(side, side.aanvraag, n),
    ),
    "application detail (employer)": (
        Rol.VERTEGENWOORDIGER,
        lambda side: side.aanvraag.get_absolute_url(),
        lambda side, n: vereisten_en_mentoren(side, side.aanvraag, n),
    ),
    "employer dashboard": (Rol.VERTEGENWOORDIGER, lambda side: _dashboard(), _werkgever_rijen),
    "school dashboard": (Rol.TRAJECTBEGELEIDER, lambda side: _dashboard(), _school_rijen),
    "workplace search": (None, _zoeken, dossiers),
}


@pytest.mark.parametrize("pagina", KEY_PAGES)
def test_no_key_page_queries_from_a_template(erkenning_world: World, pagina: str) -> None:
    """With 1 and with 50 rows of everything the page lists, every query runs in the view:
    `assert_query_budget` fails with the SQL and the template line of any that does not."""
    rol, url, rijen = KEY_PAGES[pagina]
    side = erkenning_world.sides["A"]
    client = erkenning_world.client_for("A", rol) if rol else Client()
    # The employer's dashboard has one query more than P1's 12: proposals awaiting its answer.
    limit = MAX_QUERIES + 1 if pagina == "employer dashboard" else MAX_QUERIES
    assert_query_budget(
        client, url(side), lambda n: rijen(side, n), large=50, template_free=True, limit=limit
    )
