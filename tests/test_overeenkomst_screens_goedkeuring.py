"""The agreement screens, approval: approval carries the version the user read; the personal
link works once and then answers 410; PDFs are attachments with server-chosen names; the INSZ is
masked. Status codes, database state and markers are asserted, not the wording (the Dutch
catalogue comes later)."""

import datetime as dt

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from overeenkomsten.constants import OvereenkomstStatus, Partij
from overeenkomsten.models import Goedkeuring, Uitnodiging

from . import overeenkomst_screens
from .overeenkomst_screens import (
    INSZ,
    MEDEW,
    TRAJ,
    VERT,
    Plek,
    _inhoud,
    _opgesteld,
    _token,
    _verstuurd,
    link_goedkeuren,
    link_openen,
    url,
)
from .world import World, pdf

pytestmark = pytest.mark.django_db

# The screens' fixtures: side A's establishment, recognised, with a mentor who qualifies; and
# on-commit callbacks run on request (the PDF task).
plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


# --- Approval ---------------------------------------------------------------------------------


def test_employer_and_coach_approve_then_the_learner_side_by_link(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, TRAJ):
        response = world.client_for("A", rol).post(url("overeenkomst_goedkeuren", o), {"versie": 1})
        assert response.status_code == 302, rol
    for uitnodiging in o.uitnodigingen.all():
        assert link_goedkeuren(Client(), uitnodiging).status_code == 200
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    body = world.client_for("A", MEDEW).get(o.get_absolute_url()).content.decode()
    assert body.count('data-goedgekeurd="ja"') == 4


def test_approving_an_outdated_version_shows_why(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    coach, werkgever = world.client_for("A", TRAJ), world.client_for("A", VERT)
    gezien = werkgever.get(o.get_absolute_url()).content.decode()
    assert 'name="versie" value="1"' in gezien
    wijziging = _inhoud(plek, opleidingsplan="Aangepast plan")
    assert coach.post(url("overeenkomst_bewerken", o), wijziging).status_code == 302
    o.refresh_from_db()
    assert o.versie == 2
    response = werkgever.post(url("overeenkomst_goedkeuren", o), {"versie": 1}, follow=True)
    assert not Goedkeuring.objects.filter(overeenkomst=o).exists()
    body = response.content.decode()
    assert "alert-danger" in body and 'name="versie" value="2"' in body


def test_read_only_staff_see_the_agreement_but_cannot_approve(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    medewerker = world.client_for("A", MEDEW)
    body = medewerker.get(o.get_absolute_url()).content
    assert b'data-testid="goedkeuren"' not in body
    assert medewerker.post(url("overeenkomst_goedkeuren", o), {"versie": 1}).status_code == 403
    assert world.client_for("B", VERT).get(o.get_absolute_url()).status_code == 404


def test_the_employer_sees_no_draft(world: World, plek: Plek) -> None:
    o = _opgesteld(world, plek)
    werkgever = world.client_for("A", VERT)
    assert werkgever.get(o.get_absolute_url()).status_code == 404
    lijst = werkgever.get(reverse("overeenkomsten:overeenkomst_list")).content
    assert str(o.public_id).encode() not in lijst


def test_coach_records_a_paper_signature_and_resends_a_link(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    coach = world.client_for("A", TRAJ)
    papier = {
        "versie": o.versie,
        "partij": Partij.WERKGEVER,
        "naam": "Wim Werkgever",
        "scan": pdf("scan.pdf"),
    }
    assert coach.post(url("goedkeuring_papier", o), papier).status_code == 302
    g = Goedkeuring.objects.get(overeenkomst=o, partij=Partij.WERKGEVER)
    assert g.wijze == "papier" and g.scan
    oud = o.uitnodigingen.get(partij=Partij.LEERLING)
    assert coach.post(url("link_opnieuw", o), {"partij": Partij.LEERLING}).status_code == 302
    assert not Uitnodiging.objects.filter(pk=oud.pk).exists()
    response = Client().get(reverse("overeenkomsten:link_openen", args=[_token(oud)]))
    assert response.status_code == 410


def test_coach_withdraws_an_agreement(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    assert world.client_for("A", TRAJ).post(url("overeenkomst_annuleren", o)).status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.GEANNULEERD


# --- The personal link ------------------------------------------------------------------------


def test_the_link_page_shows_the_agreement_and_works_once(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    # One token: a signed token carries its second, so two calls may differ.
    token = _token(uitnodiging)
    link = reverse("overeenkomsten:link_openen", args=[token])
    browser = Client()
    sessie = link_openen(browser, uitnodiging, token)
    assert token not in sessie.pagina
    response = browser.get(sessie.pagina)
    body = response.content.decode()
    assert response.status_code == 200 and "Peeters" in body
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert token not in body
    assert INSZ not in body and o.leerling.insz_gemaskeerd in body
    assert f'href="{sessie.pdf()}"' in body
    assert browser.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel}).status_code == 200
    assert Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()
    # Used: the link, and the session it had opened, answer 410 (the session is closed).
    response = Client().get(link)
    assert response.status_code == 410 and b'data-testid="ongeldig"' in response.content
    for method, pagina in (("get", sessie.pagina), ("post", sessie.goedkeuren())):
        response = getattr(browser, method)(pagina, {"sleutel": sessie.sleutel})
        assert response.status_code in (403, 410) and b'data-testid="ongeldig"' in response.content


def test_the_link_pages_need_the_session_the_link_opened(world: World, plek: Plek, capture) -> None:
    """R61: the token-free URL is no key; another browser, or a POST without the session's key
    (a forged cross-site form), is refused and approves nothing."""
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    browser = Client()
    sessie = link_openen(browser, uitnodiging)
    ander = world.client_for("B", TRAJ)
    for client in (Client(), ander):
        assert client.get(sessie.pagina).status_code == 403
        assert client.get(sessie.pdf()).status_code == 403
        assert client.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel}).status_code == 403
    for data in ({}, {"sleutel": "geraden"}):
        response = browser.post(sessie.goedkeuren(), data)
        assert response.status_code == 403 and response["Referrer-Policy"] == "no-referrer"
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()


def test_the_link_session_expires_after_half_an_hour(
    world: World, plek: Plek, capture, time_machine
) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    browser = Client()
    sessie = link_openen(browser, uitnodiging)
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=31))
    response = browser.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel})
    assert response.status_code == 403
    assert not Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()
    # Opening the link again (it is valid for days) gives a new session.
    assert link_goedkeuren(browser, uitnodiging).status_code == 200


def test_an_expired_or_forged_link_answers_gone(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    uitnodiging.geldig_tot = timezone.now() - dt.timedelta(minutes=1)
    uitnodiging.save()
    for token in (_token(uitnodiging), "vervalst", _token(uitnodiging)[:-2] + "xx"):
        response = Client().get(reverse("overeenkomsten:link_openen", args=[token]))
        assert response.status_code == 410, token
        assert response["Referrer-Policy"] == "no-referrer"
    assert Client().get(url("link_pdf", uitnodiging)).status_code == 403


# --- Documents --------------------------------------------------------------------------------


def test_the_pdf_is_an_attachment_with_a_server_chosen_name(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    document = o.documenten.get()
    naam = f"overeenkomst-{str(o.public_id)[:8].upper()}-v1.pdf"
    browser = Client()
    sessie = link_openen(browser, o.uitnodigingen.get(partij=Partij.LEERLING))
    for response in (
        world.client_for("A", MEDEW).get(url("document_pdf", document)),
        browser.get(sessie.pdf()),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{naam}"'
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert world.client_for("B", VERT).get(url("document_pdf", document)).status_code == 404


def test_the_html_preview_masks_the_insz(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    response = world.client_for("A", VERT).get(url("overeenkomst_voorbeeld", o))
    assert response.status_code == 200 and INSZ.encode() not in response.content
