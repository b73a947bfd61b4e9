"""The recognition screens, applications: forms keep what was typed and show why a service
refused; the clock is on the page; review actions are for the partnership the file is routed to;
files are streamed only to who may open them; mandates let a school file for an enterprise; a
renewal starts a new application. Status codes, database state and error presence are asserted,
not the wording (the Dutch catalogue is filled later)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.organisaties.models import CriteriumDocument
from erkenning.constants import AanvraagStatus
from erkenning.models import Aanvraag, Erkenning, Machtiging
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_afwijzen,
    aanvraag_volledig_verklaren,
    machtiging_verlenen,
)
from mentors.constants import ToewijzingStatus
from mentors.models import Mentor
from tests.support import als, via_samenvatting

from .erkenning_screens import BEHEER, CONS, MEDEW, TRAJ, VERT, _vandaag, url
from .factories import CriteriumFactory, MentorFactory, UittrekselFactory
from .world import World, pdf

pytestmark = pytest.mark.django_db


@dataclass
class Plaats:
    """Side A's partnership asks three criteria: one without documents, one with an RSZ
    certificate, one with the 596.2 extract per mentor (R8). The mentor meets R32-R36."""

    criteria: list
    rsz: CriteriumDocument
    uittreksel: CriteriumDocument
    mentor: Mentor


@pytest.fixture
def plaats(world: World) -> Plaats:
    side = world.sides["A"]
    uitrusting = CriteriumFactory(
        partnerschap=side.partnerschap, omschrijving="Uitrusting", volgorde=1
    )
    draagkracht = CriteriumFactory(
        partnerschap=side.partnerschap, omschrijving="Draagkracht", volgorde=2
    )
    gedrag = CriteriumFactory(partnerschap=side.partnerschap, omschrijving="Gedrag", volgorde=3)
    mentor = MentorFactory(onderneming=side.onderneming, achternaam="Geldig")
    UittrekselFactory(
        mentor=mentor,
        uitgereikt_op=_vandaag() - dt.timedelta(days=30),
        opgeladen_door=side.users[VERT],
    )
    return Plaats(
        criteria=[uitrusting, draagkracht, gedrag],
        rsz=CriteriumDocument.objects.create(criterium=draagkracht, naam="RSZ-attest"),
        uittreksel=CriteriumDocument.objects.create(
            criterium=gedrag, naam="Uittreksel 596.2", per_mentor=True
        ),
        mentor=mentor,
    )


def _antwoorden(plaats: Plaats, mentor: Mentor | None = None) -> dict:
    data = {}
    for criterium in plaats.criteria:
        data[f"voldaan_{criterium.pk}"] = "on"
        data[f"toel_{criterium.pk}"] = f"Toelichting {criterium.omschrijving}"
    data["mentoren"] = [str((mentor or plaats.mentor).public_id)]
    return data


def _nieuw(client: Client, world: World) -> Aanvraag:
    side = world.sides["A"]
    response = client.post(
        reverse("erkenning:aanvraag_nieuw"),
        {"vestiging": side.vestiging.public_id, "opleiding": side.opleiding.public_id},
    )
    aanvraag = Aanvraag.objects.get(vestiging=side.vestiging)
    assert response.status_code == 302
    assert response["Location"] == url("aanvraag_bewerken", aanvraag)
    return aanvraag


def _ingevuld(client: Client, world: World, plaats: Plaats) -> Aanvraag:
    aanvraag = _nieuw(client, world)
    assert client.post(url("aanvraag_bewerken", aanvraag), _antwoorden(plaats)).status_code == 302
    documenten = url("aanvraag_document", aanvraag)
    assert client.post(documenten, {"vereist": plaats.rsz.pk, "bestand": pdf()}).status_code == 302
    per_mentor = {"vereist": plaats.uittreksel.pk, "mentor": plaats.mentor.public_id}
    assert client.post(documenten, {**per_mentor, "bestand": pdf()}).status_code == 302
    return aanvraag


def test_employer_applies_consultant_asks_more_then_approves(world: World, plaats: Plaats) -> None:
    side = world.sides["A"]
    werkgever, consulent = world.client_for("A", VERT), world.client_for("A", CONS)
    aanvraag = _nieuw(werkgever, world)
    assert aanvraag.partnerschap == side.partnerschap  # routed by the programme (R12)
    assert aanvraag.antwoorden.count() == 3 and aanvraag.ingediend_namens is None

    # Drafts save and resume: a saved tick is shown ticked again.
    bewerken = url("aanvraag_bewerken", aanvraag)
    assert werkgever.post(bewerken, _antwoorden(plaats)).status_code == 302
    assert list(aanvraag.mentoren.all()) == [plaats.mentor]
    assert aanvraag.antwoorden.filter(voldaan=True).count() == 3
    page = werkgever.get(bewerken)
    assert page.context["form"][f"voldaan_{plaats.criteria[0].pk}"].value() is True

    # Not complete yet: the submit page lists what is missing and offers no form.
    indienen = url("aanvraag_indienen", aanvraag)
    page = werkgever.get(indienen)
    assert page.context["niet_mogelijk"] and len(page.context["tekorten"]) == 2

    documenten = url("aanvraag_document", aanvraag)
    exe = SimpleUploadedFile("rsz.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    vals = werkgever.post(documenten, {"vereist": plaats.rsz.pk, "bestand": exe})
    assert vals.status_code == 200 and list(vals.context["form"].errors) == ["bestand"]
    zonder_mentor = werkgever.post(documenten, {"vereist": plaats.uittreksel.pk, "bestand": pdf()})
    assert list(zonder_mentor.context["form"].errors) == ["mentor"]
    assert not aanvraag.documenten.exists()
    assert (
        werkgever.post(documenten, {"vereist": plaats.rsz.pk, "bestand": pdf()}).status_code == 302
    )
    per_mentor = {"vereist": plaats.uittreksel.pk, "mentor": plaats.mentor.public_id}
    assert werkgever.post(documenten, {**per_mentor, "bestand": pdf()}).status_code == 302
    assert aanvraag.documenten.count() == 2

    # The declaration on honour is required.
    zonder = werkgever.post(indienen, {})
    assert zonder.status_code == 200 and list(zonder.context["form"].errors) == [
        "verklaring_op_eer"
    ]
    assert via_samenvatting(werkgever, indienen, {"verklaring_op_eer": "on"}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND and aanvraag.verklaring_op_eer_op
    assert aanvraag.verklaring_op_eer_door == side.users[VERT]

    # The consultant asks for more; the clock does not run.
    onvolledig = url("aanvraag_onvolledig", aanvraag)
    leeg = consulent.post(onvolledig, {"ontbrekend": ""})
    assert leeg.status_code == 200 and leeg.context["form"].has_error("ontbrekend")
    assert consulent.post(onvolledig, {"ontbrekend": "Een recent RSZ-attest."}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.ONVOLLEDIG
    detail = werkgever.get(aanvraag.get_absolute_url())
    assert "Een recent RSZ-attest." in detail.content.decode()
    assert detail.context["klok"].loopt is False

    # The employer adds the document and resubmits.
    assert (
        werkgever.post(documenten, {"vereist": plaats.rsz.pk, "bestand": pdf()}).status_code == 302
    )
    assert via_samenvatting(werkgever, indienen, {"verklaring_op_eer": "on"}).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND

    # Complete: the clock starts with the partnership's 14 days, shown to both.
    assert consulent.post(url("aanvraag_volledig", aanvraag)).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.beslissing_uiterlijk_op == _vandaag() + dt.timedelta(days=14)
    for client in (werkgever, consulent):
        body = client.get(aanvraag.get_absolute_url()).content.decode()
        assert 'data-testid="klok" data-loopt="ja" data-dagen="14"' in body

    # Decide: a motivation is required; approval grants 5 years from today (R19).
    beslissen = url("aanvraag_beslissen", aanvraag)
    leeg = consulent.post(beslissen, {"beslissing": "ja", "motivering": ""})
    assert leeg.status_code == 200 and leeg.context["form"].has_error("motivering")
    assert (
        consulent.post(beslissen, {"beslissing": "ja", "motivering": "In orde."}).status_code == 302
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD
    erkenning = Erkenning.objects.get(aanvraag=aanvraag)
    assert erkenning.geldig_tot == _vandaag() + relativedelta(years=5)
    assert plaats.mentor.toewijzingen.get().status == ToewijzingStatus.AANVAARD
    body = werkgever.get(erkenning.get_absolute_url()).content.decode()
    assert f'data-testid="geldig-tot" data-datum="{erkenning.geldig_tot:%Y-%m-%d}"' in body

    # A second decision (a colleague a moment later) is refused with a clear message (R4).
    tweede = consulent.post(beslissen, {"beslissing": "nee", "motivering": "Toch niet."})
    assert tweede.status_code == 200 and tweede.context["form"].non_field_errors()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD


def test_the_loser_of_two_simultaneous_decisions_sees_why(world: World, plaats: Plaats) -> None:
    """Both consultants opened the form; the first one decides; the second one's POST is
    refused by the service and shown above the form (AlBeslist)."""
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    via_samenvatting(werkgever, url("aanvraag_indienen", aanvraag), {"verklaring_op_eer": "on"})
    aanvraag_volledig_verklaren(aanvraag=aanvraag, door=als(world.sides["A"].users[CONS]))
    beslissen = url("aanvraag_beslissen", aanvraag)
    eerste, tweede = world.client_for("A", CONS), world.client_for("A", BEHEER)
    assert tweede.get(beslissen).context["niet_mogelijk"] is None  # the form is open
    aanvraag_afwijzen(
        aanvraag=aanvraag, motivering="Eerst.", door=als(world.sides["A"].users[CONS])
    )
    response = tweede.post(beslissen, {"beslissing": "ja", "motivering": "Tweede."})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'id="foutenoverzicht"' in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN and aanvraag.motivering == "Eerst."
    assert eerste.get(beslissen).context["niet_mogelijk"]


def test_a_coach_files_under_a_mandate_and_the_employer_sees_who(world: World) -> None:
    side = world.sides["A"]
    coach = world.client_for("A", TRAJ)
    nieuw = reverse("erkenning:aanvraag_nieuw")
    # Without a mandate there is nothing to choose.
    assert coach.get(nieuw).context["geen_vestigingen"]
    keuze = {"vestiging": side.vestiging.public_id, "opleiding": side.opleiding.public_id}
    assert coach.post(nieuw, keuze).context["form"].has_error("vestiging")

    machtiging_verlenen(
        onderneming=side.onderneming,
        gemachtigde=side.onderwijsinstelling,
        door=als(side.users[VERT]),
    )
    page = coach.get(nieuw).content.decode()
    assert f'<optgroup label="{side.onderneming.naam}">' in page
    assert world.sides["B"].vestiging.naam not in page
    vreemd = {"vestiging": world.sides["B"].vestiging.public_id, "opleiding": keuze["opleiding"]}
    assert coach.post(nieuw, vreemd).context["form"].has_error("vestiging")
    assert coach.post(nieuw, keuze).status_code == 302
    aanvraag = Aanvraag.objects.get(vestiging=side.vestiging)
    assert aanvraag.ingediend_namens_id == side.onderwijsinstelling.pk
    assert aanvraag.aangemaakt_door == side.users[TRAJ]

    body = world.client_for("A", VERT).get(aanvraag.get_absolute_url()).content.decode()
    assert 'data-testid="namens"' in body and side.onderwijsinstelling.naam in body
    dashboard = coach.get(reverse("portaal:dashboard")).content.decode()
    assert aanvraag.get_absolute_url() in dashboard

    # Revoked: the coach still sees what the school filed, but may no longer act on it (R4).
    Machtiging.objects.filter(onderneming=side.onderneming).update(ingetrokken_op=timezone.now())
    assert coach.get(aanvraag.get_absolute_url()).status_code == 200
    for actie in ("aanvraag_bewerken", "aanvraag_document", "aanvraag_indienen"):
        assert coach.post(url(actie, aanvraag), {"verklaring_op_eer": "on"}).status_code == 403
    assert world.client_for("A", VERT).get(url("aanvraag_bewerken", aanvraag)).status_code == 200
    # Nor sees the enterprise's other files.
    aanvraag.ingediend_namens = None
    aanvraag.save(update_fields=["ingediend_namens"])
    assert coach.get(aanvraag.get_absolute_url()).status_code == 404


def test_only_the_partnership_the_file_is_routed_to_reviews_it(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    andere = world.sides["B"].partnerschap
    machtiging_verlenen(
        onderneming=side.onderneming, gemachtigde=andere, door=als(side.users[VERT])
    )
    consulent_b = world.client_for("B", CONS)
    # Under the mandate partnership B sees side A's file, but may not review it or open files.
    assert consulent_b.get(side.aanvraag.get_absolute_url()).status_code == 200
    assert consulent_b.get(url("aanvraag_volledig", side.aanvraag)).status_code == 403
    assert consulent_b.post(url("aanvraag_volledig", side.aanvraag)).status_code == 403
    assert (
        consulent_b.get(url("aanvraagdocument_bestand", side.aanvraagdocument)).status_code == 403
    )
    side.aanvraag.refresh_from_db()
    assert side.aanvraag.status == AanvraagStatus.INGEDIEND


def test_a_document_is_streamed_under_a_server_name(erkenning_world: World) -> None:
    document = erkenning_world.sides["A"].aanvraagdocument
    link = url("aanvraagdocument_bestand", document)
    response = erkenning_world.client_for("A", CONS).get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="aanvraag-document-')
    assert "rsz" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    body = erkenning_world.client_for("A", VERT).get(document.aanvraag.get_absolute_url())
    assert link in body.content.decode()
    body = erkenning_world.client_for("A", MEDEW).get(document.aanvraag.get_absolute_url())
    assert link not in body.content.decode()


def test_withdraw_and_nothing_more_after(world: World, plaats: Plaats) -> None:
    werkgever = world.client_for("A", VERT)
    aanvraag = _ingevuld(werkgever, world, plaats)
    assert werkgever.post(url("aanvraag_intrekken", aanvraag)).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGETROKKEN
    page = werkgever.get(url("aanvraag_bewerken", aanvraag))
    assert page.context["niet_mogelijk"] and b'<form method="post" novalidate' not in page.content
    refused = werkgever.post(url("aanvraag_bewerken", aanvraag), _antwoorden(plaats))
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()


def test_renewal_starts_a_prefilled_draft_once(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    werkgever = erkenning_world.client_for("A", VERT)
    hernieuwen = url("erkenning_hernieuwen", side.erkenning)
    response = werkgever.post(hernieuwen)
    hernieuwing = Aanvraag.objects.get(vorige_erkenning=side.erkenning)
    assert response.status_code == 302 and response["Location"] == hernieuwing.get_absolute_url()
    assert hernieuwing.status == AanvraagStatus.ONTWERP and hernieuwing.soort == "hernieuwing"
    assert list(hernieuwing.mentoren.all()) == [side.mentor]
    assert werkgever.get(hernieuwen).context["niet_mogelijk"]
    again = werkgever.post(hernieuwen)
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert Aanvraag.objects.filter(vorige_erkenning=side.erkenning).count() == 1


def test_mandates_granted_found_and_revoked(world: World) -> None:
    side = world.sides["A"]
    werkgever = world.client_for("A", VERT)
    lijst = reverse("erkenning:machtiging_list")
    # No school is listed until the employer searches for one.
    page = werkgever.get(lijst).content.decode()
    assert side.onderwijsinstelling.naam not in page and side.partnerschap.naam in page
    page = werkgever.get(lijst, {"zoek": side.onderwijsinstelling.naam}).content.decode()
    assert side.onderwijsinstelling.naam in page
    assert world.sides["B"].onderwijsinstelling.naam not in page
    keuze = {
        "zoek": side.onderwijsinstelling.naam,
        "gemachtigde": side.onderwijsinstelling.public_id,
        "voor_aanvragen": "on",  # the scope the form proposes (R4)
    }
    assert werkgever.post(lijst, keuze).status_code == 302
    machtiging = Machtiging.objects.get(onderneming=side.onderneming)
    assert machtiging.gemachtigde_id == side.onderwijsinstelling.pk
    dubbel = werkgever.post(lijst, keuze)
    assert dubbel.status_code == 200 and dubbel.context["form"].non_field_errors()
    assert world.client_for("A", MEDEW).post(lijst, keuze).status_code == 403
    assert world.client_for("A", TRAJ).post(lijst, keuze).status_code == 403
    # The school sees what it received, read-only.
    page = world.client_for("A", TRAJ).get(lijst).content.decode()
    assert side.onderneming.naam in page and url("machtiging_intrekken", machtiging) not in page

    assert werkgever.post(url("machtiging_intrekken", machtiging)).status_code == 302
    machtiging.refresh_from_db()
    assert machtiging.ingetrokken_op is not None
    assert werkgever.get(url("machtiging_intrekken", machtiging)).context["niet_mogelijk"]


def test_a_refused_action_shows_every_reason_at_once(erkenning_world: World) -> None:
    """A coach opens the submission of a draft it started under the mandate: nothing is
    filled in yet and the enterprise has not signed; the page gives both reasons in one round
    and offers no form."""
    side = erkenning_world.sides["A"]
    aanvraag = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=als(side.users[TRAJ])
    )
    response = erkenning_world.client_for("A", TRAJ).get(url("aanvraag_indienen", aanvraag))
    assert response.status_code == 200
    redenen = response.context["weigeringen"]
    assert len(redenen) == 2 and response.context["niet_mogelijk"]
    body = response.content.decode()
    assert all(str(reden) in body for reden in redenen)
    assert 'data-testid="verzenden"' not in body


def test_a_stale_post_gets_the_guards_reasons(erkenning_world: World) -> None:
    """The consultant opened 'ask for what is missing'; a colleague found the file complete
    meanwhile. The POST is refused with the guard's reason before the service runs."""
    side = erkenning_world.sides["A"]
    consulent = erkenning_world.client_for("A", CONS)
    onvolledig = url("aanvraag_onvolledig", side.aanvraag)
    assert consulent.get(onvolledig).context["niet_mogelijk"] is None  # the form is open
    aanvraag_volledig_verklaren(aanvraag=side.aanvraag, door=als(side.users[BEHEER]))
    response = consulent.post(onvolledig, {"ontbrekend": "Een recent RSZ-attest."})
    assert response.status_code == 200
    redenen = list(response.context["weigeringen"])
    assert redenen and response.context["form"].non_field_errors() == redenen
    side.aanvraag.refresh_from_db()
    assert side.aanvraag.status == AanvraagStatus.VOLLEDIG and not side.aanvraag.ontbrekend
