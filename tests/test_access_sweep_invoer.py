"""The access sweep's bad-input pass: bad input never gives a 500.

For every URL pattern in the route table (access_routes.py), requested by a role that may use
it on its own side:
- the page with `?q=%00`, and with a NUL byte in every query parameter its links and search
  forms use (`zoek`, `pagina`, ...), is a 400 with the Dutch message;
- every form on the page, posted with a NUL byte in each field in turn, and with a date in
  year 1 or year 3000 in each date field (each input typed as digits), is shown again with
  a form error or is a 4xx: never accepted, never a 500; a form the page does not offer in
  the world's state is posted from its view's form class and must not crash either.
The forms and parameters are read from the rendered pages (formulier_html.py): a page or form
added to the portal is probed the day it is added, without a list here.
"""

from urllib.parse import urlsplit

import pytest

from django import forms
from django.test import Client
from django.urls import resolve, reverse

from duaal.accounts.constants import Rol

from .access_routes import (
    EIGEN,
    ROUTES,
    LinkSessie,
    ObjectBound,
    Persoonlijk,
    Public,
    _link_kwargs,
)
from .formulier_html import Formulier, lees
from .world import Side, World
from .world_dossiers import add_erkenning, add_overeenkomst

NUL = "x\x00y"
BUITEN_BEREIK = ("01/01/0001", "01/01/3000")
FOUT_OP_FORMULIER = ("is-invalid", "foutenoverzicht", "invalid-feedback", "alert-danger")


@pytest.fixture
def world(world: World) -> World:
    """Side A with every object the route table names; bad input needs one side only."""
    add_erkenning(world.sides["A"])
    add_overeenkomst(world.sides["A"])
    return world


def _met_pagina(name: str) -> bool:
    spec = ROUTES[name]
    return isinstance(spec, ObjectBound) or "get" in spec.methods


PAGINAS = sorted(n for n in ROUTES if _met_pagina(n))


def _url(name: str, side: Side) -> str:
    spec = ROUTES[name]
    if isinstance(spec, ObjectBound | Persoonlijk):
        return reverse(name, kwargs={"public_id": spec.obj(side).public_id})
    if isinstance(spec, LinkSessie):
        return reverse(name, kwargs={"public_id": side.uitnodiging.public_id})
    if isinstance(spec, Public) and spec.kwargs:
        return reverse(name, kwargs=spec.kwargs(side))
    return reverse(name)


def _bezoekers(world: World, name: str) -> list[tuple[str, Client]]:
    """Who may use the page, most likely first: anonymous for public pages, the roles the
    table allows on their own side for an object, every role for the other pages."""
    spec = ROUTES[name]
    anoniem = [("anonymous", Client())]
    if isinstance(spec, LinkSessie):
        # The personal link's pages: the browser that opened side A's link.
        link = reverse("overeenkomsten:link_openen", kwargs=_link_kwargs(world.sides["A"]))
        anoniem[0][1].get(link)
        return anoniem
    if isinstance(spec, Persoonlijk):
        # The learner's own dossier: only the learner, logged in with their national number.
        from .factories import UserFactory

        leerling = Client()
        leerling.force_login(UserFactory(insz=world.sides["A"].leerling.insz))
        return [("leerling", leerling)]
    if isinstance(spec, ObjectBound):
        rollen = [r for r in Rol.values if (r, EIGEN) in spec.ok]
        return [(r, world.client_for("A", r)) for r in rollen] + (
            anoniem if spec.anonymous_ok else []
        )
    rollen = [(r, world.client_for("A", r)) for r in Rol.values]
    return anoniem + rollen if isinstance(spec, Public) else rollen


def _pagina(
    world: World, name: str, *, met_formulier: bool = False
) -> tuple[str, Client, str, str]:
    """(who, client, the page's own path, its HTML) for the first visitor who gets a page
    (with `met_formulier`: a page with a form of its own, if anyone does); the HTML is empty
    when nobody gets a page (a file, a POST-only or a redirecting URL)."""
    url = _url(name, world.sides["A"])
    login = reverse("accounts:login")
    bezoekers = _bezoekers(world, name)
    gevonden = []
    for wie, client in bezoekers:
        response = client.get(url, follow=True)
        pad = response.redirect_chain[-1][0] if response.redirect_chain else url
        html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and html and (pad != login or url == login):
            gevonden.append((wie, client, pad, response.content.decode()))
            formulieren, _parameters = lees(gevonden[-1][3], pad)
            if not met_formulier or any(f.method == "post" for f in formulieren):
                return gevonden[-1]
    if gevonden:
        return gevonden[0]
    wie, client = bezoekers[0]
    return wie, client, url, ""


def _geweigerd(response) -> bool:
    return response.status_code == 400 and b'data-testid="ongeldige-invoer"' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGINAS)
def test_a_control_character_in_any_query_parameter_is_a_400(world: World, name: str) -> None:
    wie, client, pad, html = _pagina(world, name)
    _formulieren, parameters = lees(html, pad)
    for parameter in sorted({"q", "zoek", "pagina"} | parameters):
        for waarde in ("\x00", "\x00abc", "a\tb"):
            response = client.get(pad, {parameter: waarde})
            assert _geweigerd(response), f"{pad}?{parameter}={waarde!r} as {wie}"


def _fout_getoond(response) -> bool:
    """A 4xx, or the form shown again with an error: never a redirect (accepted) or a 500.
    Which error is the form's own business: the page's inputs include some a view reads
    itself (`next`), and Django's own forms (the password change) refuse a NUL byte with
    Django's message; the portal's message is tested on the portal's forms (test_invoer.py)."""
    if 400 <= response.status_code < 500:
        return True
    body = response.content.decode()
    return response.status_code == 200 and any(teken in body for teken in FOUT_OP_FORMULIER)


def _post(client: Client, formulier: Formulier, pad: str, data: dict):
    action = formulier.action or pad
    return client.post(pad + action if action.startswith("?") else action, data)


def _probeer(client: Client, formulier: Formulier, pad: str, wie: str) -> None:
    basis = formulier.basis()
    for veld in formulier.te_proberen():
        waar = f"POST {pad} {veld.name} as {wie}"
        response = _post(client, formulier, pad, {**basis, veld.name: NUL})
        assert response.status_code < 500, waar
        assert _fout_getoond(response), f"{waar}: a NUL byte was not refused"
        for datum in BUITEN_BEREIK if veld.numeriek else ():
            response = _post(client, formulier, pad, {**basis, veld.name: datum})
            assert _fout_getoond(response), f"{waar}: {datum} was not refused"


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGINAS)
def test_every_form_refuses_a_nul_byte_and_an_out_of_range_date(world: World, name: str) -> None:
    wie, client, pad, html = _pagina(world, name, met_formulier=True)
    formulieren = [f for f in lees(html, pad)[0] if f.method == "post"]
    for formulier in formulieren:
        _probeer(client, formulier, pad, wie)
    if not formulieren:
        _probeer_verborgen(client, pad, wie)


def _probeer_verborgen(client: Client, pad: str, wie: str) -> None:
    """A form the page does not show in the world's state (the action is not possible now):
    a stale or forged POST with bad input in each field of the view's form still never
    crashes. Its fields come from the view's form class."""
    view = getattr(resolve(urlsplit(pad).path).func, "view_class", None)
    klasse = getattr(view, "form_class", None)
    for veld_naam, veld in klasse.base_fields.items() if klasse else ():
        waarden = (NUL, *BUITEN_BEREIK) if isinstance(veld, forms.DateField) else (NUL,)
        for waarde in waarden:
            response = client.post(pad, {veld_naam: waarde})
            assert response.status_code < 500, f"POST {pad} {veld_naam}={waarde!r} as {wie}"


@pytest.mark.django_db
def test_the_layout_forms_never_crash_on_a_nul_byte(world: World) -> None:
    """The language, log-out and organisation forms on every page post elsewhere."""
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    for name, velden in (
        ("set_language", ("language", "next")),
        ("accounts:organisatie_wisselen", ("membership", "next")),
    ):
        for veld in velden:
            response = client.post(reverse(name), {veld: NUL})
            assert response.status_code < 500, f"{name} {veld}"
