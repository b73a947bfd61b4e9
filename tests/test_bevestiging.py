"""Check your answers and a receipt: before submitting an application and before sending an
agreement, a page lists every answer with a link to where it is changed, and the final POST
comes from it (a stale page is shown again); after it, a receipt page and a mail with the
reference, the date, what happens next and the term that runs."""

import re
from html import unescape

import pytest

from django.utils import timezone

from duaal.meldingen.models import Melding
from duaal.meldingen.rendering import render_mail
from duaal.termijnen import vandaag
from erkenning.constants import AanvraagStatus
from overeenkomsten.constants import OvereenkomstStatus
from tests import overeenkomst_screens
from tests.erkenning_screens import VERT, url
from tests.overeenkomst_screens import TRAJ, Plek, _opgesteld
from tests.overeenkomst_screens import url as o_url
from tests.support import via_samenvatting
from tests.test_erkenning_screens_aanvraag import Plaats, _antwoorden, _ingevuld
from tests.test_erkenning_screens_aanvraag import plaats as plaats  # noqa: PLC0414 (fixture)
from tests.world import World

pytestmark = pytest.mark.django_db

plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


def _wijzig_links(body: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)" data-testid="wijzigen"', body)]


def _landt_op_een_veld(client, link: str) -> None:
    """A change link opens its page and names an element on it."""
    pad, anker = link.split("#")
    body = client.get(pad).content.decode()
    assert f'id="{anker}"' in body, link


def _ontvangstbewijs(ontvanger, sjabloon: str) -> str:
    melding = Melding.objects.get(ontvanger=ontvanger, sjabloon=sjabloon)
    mail = render_mail(melding)
    return mail.subject + "\n" + mail.body


# -- The application ---------------------------------------------------------------------


def test_the_summary_lists_every_answer_and_its_change_links_work(
    world: World, plaats: Plaats
) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    page = werkgever.get(url("aanvraag_indienen", aanvraag))
    body = unescape(page.content.decode())
    for criterium in plaats.criteria:
        assert criterium.omschrijving in body and f"Toelichting {criterium.omschrijving}" in body
    assert str(plaats.mentor) in body
    assert plaats.rsz.naam in body and plaats.uittreksel.naam in body
    links = _wijzig_links(page.content.decode())
    assert len(links) == len(plaats.criteria) + 1 + 2  # each criterion, the mentors, 2 documents
    for link in links:
        _landt_op_een_veld(werkgever, link)


def test_a_stale_summary_is_shown_again_and_submits_nothing(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    indienen = url("aanvraag_indienen", aanvraag)
    oud = werkgever.get(indienen).context["sleutel"]
    # Meanwhile, in another tab, an explanation changes.
    gewijzigd = _antwoorden(plaats) | {f"toel_{plaats.criteria[0].pk}": "Nieuwe uitleg"}
    assert werkgever.post(url("aanvraag_bewerken", aanvraag), gewijzigd).status_code == 302
    response = werkgever.post(indienen, {"verklaring_op_eer": "on", "samenvatting": oud})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert "Nieuwe uitleg" in unescape(response.content.decode())  # the current summary
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.ONTWERP


def test_submitting_gives_a_receipt_page_and_mail(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    response = via_samenvatting(
        werkgever, url("aanvraag_indienen", aanvraag), {"verklaring_op_eer": "on"}
    )
    assert response["Location"] == url("aanvraag_bevestiging", aanvraag)
    aanvraag.refresh_from_db()
    dagen = aanvraag.partnerschap.beslistermijn_dagen
    datum = f"{vandaag(aanvraag.ingediend_op):%d/%m/%Y}"
    body = unescape(werkgever.get(response["Location"]).content.decode())
    assert aanvraag.referentie in body and datum in body
    assert 'data-testid="volgende-stap"' in body
    assert f"binnen {dagen} dagen" in body  # the term that starts once the file is complete
    mail = _ontvangstbewijs(world.sides["A"].users[VERT], "erkenning/application_receipt")
    assert aanvraag.referentie in mail and datum in mail and f"binnen {dagen} dagen" in mail
    assert aanvraag.get_absolute_url() in mail


def test_the_receipt_shows_the_decision_date_once_the_file_is_complete(
    erkenning_world: World,
) -> None:
    aanvraag = erkenning_world.sides["A"].aanvraag
    aanvraag.status, aanvraag.volledig_op = AanvraagStatus.VOLLEDIG, vandaag(timezone.now())
    aanvraag.beslissing_uiterlijk_op = aanvraag.volledig_op
    aanvraag.save()
    body = erkenning_world.client_for("A", VERT).get(url("aanvraag_bevestiging", aanvraag))
    assert f"{aanvraag.beslissing_uiterlijk_op:%d/%m/%Y}" in body.content.decode()


def test_a_draft_has_no_receipt(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    assert werkgever.get(url("aanvraag_bevestiging", aanvraag)).status_code == 404


# -- The agreement -----------------------------------------------------------------------


def test_the_send_page_lists_the_content_and_its_change_links_work(
    world: World, plek: Plek
) -> None:
    o = _opgesteld(world, plek)
    coach = world.client_for("A", TRAJ)
    page = coach.get(o_url("overeenkomst_versturen", o))
    body = unescape(page.content.decode())
    assert o.opleidingsplan in body and str(plek.toewijzing.mentor) in body
    assert f"{o.start:%d/%m/%Y}" in body and "08:00–16:00" in body
    links = _wijzig_links(page.content.decode())
    assert any(link.endswith("#id_blok-3-dag") for link in links)  # each timetable row
    for link in links:
        _landt_op_een_veld(coach, link)


def test_sending_gives_a_receipt_that_does_not_wait_for_the_pdf(world: World, plek: Plek) -> None:
    o = _opgesteld(world, plek)
    coach = world.client_for("A", TRAJ)
    # Without running the after-commit work: no PDF exists yet.
    response = via_samenvatting(coach, o_url("overeenkomst_versturen", o))
    assert response["Location"] == o_url("overeenkomst_verstuurd", o)
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING and not o.documenten.exists()
    body = unescape(coach.get(response["Location"]).content.decode())
    link_tot = o.uitnodigingen.get(partij="leerling").geldig_tot
    # Pages show local dates: near midnight the UTC date is another day.
    verstuurd = timezone.localtime(o.verstuurd_op)
    for feit in (o.referentie, f"{verstuurd:%d/%m/%Y}", f"{timezone.localtime(link_tot):%d/%m/%Y}"):
        assert feit in body, feit
    assert o.get_absolute_url() in body and "/pdf/" not in body
    mail = _ontvangstbewijs(world.sides["A"].users[TRAJ], "overeenkomsten/sent_receipt")
    assert o.referentie in mail and f"{link_tot:%d/%m/%Y}" in mail
    assert o.get_absolute_url() in mail


def test_a_stale_send_page_sends_nothing(world: World, plek: Plek) -> None:
    o = _opgesteld(world, plek)
    coach = world.client_for("A", TRAJ)
    versturen = o_url("overeenkomst_versturen", o)
    oud = coach.get(versturen).context["sleutel"]
    o.opleidingsplan = "Een ander plan."
    o.save(update_fields=["opleidingsplan"])
    response = coach.post(versturen, {"samenvatting": oud})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONTWERP
