"""The recognition screens: forms keep what was typed and show why a service refused; the
clock is on the page; review actions are for the partnership the file is routed to; files are
streamed only to who may open them. Status codes, database state and error presence are
asserted, not the wording (the Dutch catalogue is filled later)."""

import datetime as dt
from dataclasses import dataclass

import pytest
from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.organisaties.models import CriteriumDocument
from duaal.termijnen import vandaag
from erkenning.constants import AanvraagStatus, BeroepStatus, ErkenningStatus, SanctieSoort
from erkenning.models import Aanvraag, Beroep, Erkenning, Machtiging, Sanctie
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_beslissen,
    aanvraag_volledig_verklaren,
    machtiging_verlenen,
)
from mentors.constants import ToewijzingStatus
from mentors.models import Mentor

from .conftest import World, pdf
from .factories import CriteriumFactory, MentorFactory, UittrekselFactory

pytestmark = pytest.mark.django_db

VERT, MEDEW, TRAJ = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, Rol.TRAJECTBEGELEIDER
CONS, BEHEER, PLATFORM = Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER, Rol.PLATFORMBEHEERDER


def _vandaag() -> dt.date:
    return vandaag(timezone.now())


def url(name: str, obj) -> str:
    return reverse(f"erkenning:{name}", kwargs={"public_id": obj.public_id})


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
    assert werkgever.post(indienen, {"verklaring_op_eer": "on"}).status_code == 302
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
    assert werkgever.post(indienen, {"verklaring_op_eer": "on"}).status_code == 302
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
    werkgever.post(url("aanvraag_indienen", aanvraag), {"verklaring_op_eer": "on"})
    aanvraag_volledig_verklaren(aanvraag=aanvraag, door=world.sides["A"].users[CONS])
    beslissen = url("aanvraag_beslissen", aanvraag)
    eerste, tweede = world.client_for("A", CONS), world.client_for("A", BEHEER)
    assert tweede.get(beslissen).context["niet_mogelijk"] is None  # the form is open
    aanvraag_beslissen(
        aanvraag=aanvraag, goedkeuren=False, motivering="Eerst.", door=world.sides["A"].users[CONS]
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
        onderneming=side.onderneming, gemachtigde=side.onderwijsinstelling, door=side.users[VERT]
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
    machtiging_verlenen(onderneming=side.onderneming, gemachtigde=andere, door=side.users[VERT])
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


def test_refusal_shows_the_appeal_route_and_the_employer_appeals(
    erkenning_world: World,
) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    # The world's refused application already has an appeal; refuse a second one.
    aanvraag = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=side.users[VERT]
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(status=AanvraagStatus.VOLLEDIG)
    aanvraag_beslissen(
        aanvraag=aanvraag, goedkeuren=False, motivering="Onvoldoende.", door=side.users[CONS]
    )
    aanvraag.refresh_from_db()
    assert aanvraag.beroep_uiterlijk_op == _vandaag() + dt.timedelta(days=10)
    werkgever = world.client_for("A", VERT)
    body = werkgever.get(aanvraag.get_absolute_url()).content.decode()
    assert 'data-testid="beroepsroute"' in body and url("beroep_indienen", aanvraag) in body
    # Read-only staff see the route but cannot lodge; only the enterprise itself (R28).
    medewerker = world.client_for("A", MEDEW)
    assert (
        url("beroep_indienen", aanvraag)
        not in medewerker.get(aanvraag.get_absolute_url()).content.decode()
    )
    assert medewerker.post(url("beroep_indienen", aanvraag), {"motivering": "x"}).status_code == 403

    beroep_url = url("beroep_indienen", aanvraag)
    leeg = werkgever.post(beroep_url, {"motivering": ""})
    assert leeg.status_code == 200 and leeg.context["form"].has_error("motivering")
    assert werkgever.post(beroep_url, {"motivering": "Het attest volgt."}).status_code == 302
    beroep = Beroep.objects.get(aanvraag=aanvraag)
    assert beroep.ingediend_door == side.users[VERT] and beroep.status == BeroepStatus.INGEDIEND
    assert werkgever.get(beroep_url).context["niet_mogelijk"]  # already lodged

    # The appeal coordinator: receipt with admissibility, then the outcome, applied.
    platform = world.client_for("B", PLATFORM)
    ontvankelijk = url("beroep_ontvankelijkheid", beroep)
    zonder = platform.post(ontvankelijk, {"beslissing": "nee", "motivering": ""})
    assert zonder.status_code == 200 and zonder.context["form"].has_error("motivering")
    assert platform.post(ontvankelijk, {"beslissing": "ja", "motivering": ""}).status_code == 302
    beroep.refresh_from_db()
    assert beroep.status == BeroepStatus.ONTVANKELIJK and beroep.ontvangst_bevestigd_op
    assert world.client_for("A", BEHEER).get(url("beroep_beslissen", beroep)).status_code == 403
    assert platform.get(url("beroep_beslissen", beroep)).context["niet_mogelijk"] is None


def test_the_appeal_outcome_is_recorded_and_applied(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    beroep = side.beroep
    platform = world.client_for("B", PLATFORM)
    ontvankelijk = {"beslissing": "ja", "motivering": ""}
    assert platform.post(url("beroep_ontvankelijkheid", beroep), ontvankelijk).status_code == 302
    Erkenning.objects.filter(pk=side.erkenning.pk).update(status=ErkenningStatus.VERLOPEN)
    gegrond = {"beslissing": "ja", "motivering": "De mentor voldoet."}
    assert platform.post(url("beroep_beslissen", beroep), gegrond).status_code == 302
    beroep.refresh_from_db()
    side.afgewezen.refresh_from_db()
    assert beroep.status == BeroepStatus.GEGROND
    assert side.afgewezen.status == AanvraagStatus.GOEDGEKEURD
    assert Erkenning.objects.filter(aanvraag=side.afgewezen, status=ErkenningStatus.ACTIEF).exists()


def test_an_appeal_after_the_term_is_refused(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    aanvraag = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=side.users[VERT]
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(status=AanvraagStatus.VOLLEDIG)
    aanvraag_beslissen(
        aanvraag=aanvraag,
        goedkeuren=False,
        motivering="Onvoldoende.",
        door=side.users[CONS],
        now=timezone.now() - dt.timedelta(days=20),
    )
    werkgever = erkenning_world.client_for("A", VERT)
    assert werkgever.get(url("beroep_indienen", aanvraag)).context["niet_mogelijk"]
    response = werkgever.post(url("beroep_indienen", aanvraag), {"motivering": "Te laat."})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Beroep.objects.filter(aanvraag=aanvraag).exists()


def test_the_partnership_admin_imposes_measures(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    erkenning = side.erkenning
    beheerder = world.client_for("A", BEHEER)
    opleggen = url("sanctie_opleggen", erkenning)
    assert world.client_for("A", CONS).get(opleggen).status_code == 403
    assert world.client_for("B", BEHEER).get(opleggen).status_code == 404

    zonder_mentor = beheerder.post(
        opleggen, {"soort": SanctieSoort.MENTOR_GESCHORST, "motivering": "Klachten."}
    )
    assert list(zonder_mentor.context["form"].errors) == ["mentor"]
    zonder_motivering = beheerder.post(opleggen, {"soort": SanctieSoort.OPHEFFING})
    assert zonder_motivering.context["form"].has_error("motivering")

    response = beheerder.post(
        opleggen, {"soort": SanctieSoort.OPHEFFING, "motivering": "Geen begeleiding meer."}
    )
    sanctie = Sanctie.objects.get(soort=SanctieSoort.OPHEFFING)
    assert response.status_code == 302 and response["Location"] == sanctie.get_absolute_url()
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.OPGEHEVEN
    assert sanctie.beroep_uiterlijk_op == _vandaag() + dt.timedelta(days=10)
    assert beheerder.get(opleggen).context["niet_mogelijk"]  # the recognition has ended

    werkgever = world.client_for("A", VERT)
    body = werkgever.get(sanctie.get_absolute_url()).content.decode()
    assert url("sanctie_beroep_indienen", sanctie) in body
    assert (
        werkgever.post(
            url("sanctie_beroep_indienen", sanctie), {"motivering": "Onterecht."}
        ).status_code
        == 302
    )
    assert Beroep.objects.filter(sanctie=sanctie).exists()
    # A guidance action is not appealable.
    assert werkgever.get(url("sanctie_beroep_indienen", side.sanctie)).context["niet_mogelijk"]


def test_a_barred_mentor_is_chosen_among_those_designated_there(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    beheerder = erkenning_world.client_for("A", BEHEER)
    opleggen = url("sanctie_opleggen", side.erkenning)
    form = beheerder.get(opleggen).context["form"]
    assert list(form.fields["mentor"].queryset) == [side.mentor]
    response = beheerder.post(
        opleggen,
        {
            "soort": SanctieSoort.MENTOR_GESCHORST,
            "motivering": "Ongepast gedrag.",
            "mentor": side.mentor.public_id,
            "tot": (_vandaag() + dt.timedelta(days=90)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    side.toewijzing.refresh_from_db()
    assert not side.toewijzing.actief


def test_publication_and_the_public_search(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    zoeken = reverse("erkenning:publiek_zoeken")
    assert side.onderneming.naam not in Client().get(zoeken).content.decode()
    werkgever = world.client_for("A", VERT)
    publicatie = url("erkenning_publicatie", side.erkenning)
    assert world.client_for("A", MEDEW).post(publicatie, {}).status_code == 403
    response = werkgever.post(publicatie, {"publiek_zichtbaar": "on", "plaatsen_beschikbaar": "on"})
    assert response.status_code == 302
    side.erkenning.refresh_from_db()
    assert side.erkenning.publiek_zichtbaar and side.erkenning.plaatsen_beschikbaar

    anoniem = Client()
    body = anoniem.get(zoeken).content.decode()
    assert side.onderneming.naam in body and 'data-plaatsen="ja"' in body
    assert world.sides["B"].onderneming.naam not in body
    opleiding = side.opleiding.public_id
    for query, gevonden in [
        ({"opleiding": opleiding}, True),
        ({"opleiding": world.sides["B"].opleiding.public_id}, False),
        ({"plaats": "9000"}, True),
        ({"plaats": "90"}, True),
        ({"plaats": "gent"}, True),
        ({"plaats": "8000"}, False),
        ({"opleiding": opleiding, "plaats": "Brugge"}, False),
    ]:
        body = anoniem.get(zoeken, query).content.decode()
        assert (side.onderneming.naam in body) is gevonden, query
    assert anoniem.get(zoeken, {"opleiding": "onzin"}).status_code == 200


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


def test_the_queue_sorts_filters_and_flags_overdue_files(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    consulent = world.client_for("A", CONS)
    wachtrij = reverse("erkenning:wachtrij")
    assert world.client_for("A", VERT).get(wachtrij).status_code == 403
    assert world.client_for("A", PLATFORM).get(wachtrij).status_code == 403
    # Make the world's submitted file complete and overdue.
    aanvraag_volledig_verklaren(
        aanvraag=side.aanvraag, door=side.users[CONS], now=timezone.now() - dt.timedelta(days=16)
    )
    page = consulent.get(wachtrij)
    rijen = page.context["rijen"]
    assert [(a.pk, dagen) for a, dagen, _ in rijen] == [(side.aanvraag.pk, -2)]
    assert 'data-te-laat="ja"' in page.content.decode()
    assert world.sides["B"].onderneming.naam not in page.content.decode()
    assert consulent.get(wachtrij, {"status": "ingediend"}).context["rijen"] == []
    andere = world.sides["B"].opleiding.public_id
    assert consulent.get(wachtrij, {"opleiding": andere}).context["filters"].has_error("opleiding")
    assert (
        len(consulent.get(wachtrij, {"opleiding": side.opleiding.public_id}).context["rijen"]) == 1
    )
    # The consultant's and the admin's dashboards point to it.
    for rol in (CONS, BEHEER):
        body = world.client_for("A", rol).get(reverse("portaal:dashboard")).content.decode()
        assert side.aanvraag.get_absolute_url() in body, rol


def test_dashboards_point_to_recognition_work(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    # A draft to finish, a recognition ending within 180 days, a refusal still appealable.
    concept = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=side.users[VERT]
    )
    Erkenning.objects.filter(pk=side.erkenning.pk).update(
        geldig_tot=_vandaag() + dt.timedelta(days=100)
    )
    Beroep.objects.filter(pk=side.beroep.pk).delete()
    werkgever = world.client_for("A", VERT).get(reverse("portaal:dashboard")).content.decode()
    for obj in (concept, side.erkenning, side.afgewezen):
        assert obj.get_absolute_url() in werkgever
    consulent = world.client_for("A", CONS).get(reverse("portaal:dashboard")).content.decode()
    assert side.aanvraag.get_absolute_url() in consulent  # awaiting the completeness check
    assert concept.get_absolute_url() not in consulent
    platform = world.client_for("B", PLATFORM).get(reverse("portaal:dashboard")).content.decode()
    assert world.sides["B"].beroep.get_absolute_url() in platform
    assert side.beroep.get_absolute_url() not in platform  # deleted above


def test_lists_show_what_each_organisation_may_see(erkenning_world: World) -> None:
    world = erkenning_world
    a, b = world.sides["A"], world.sides["B"]
    for rol in (VERT, MEDEW, TRAJ, CONS):
        client = world.client_for("A", rol)
        for naam, obj in (("aanvraag_list", a.aanvraag), ("erkenning_list", a.erkenning)):
            body = client.get(reverse(f"erkenning:{naam}")).content.decode()
            assert obj.get_absolute_url() in body, (rol, naam)
            assert b.onderneming.naam not in body
    platform = world.client_for("A", PLATFORM).get(reverse("erkenning:aanvraag_list"))
    assert b.aanvraag.get_absolute_url() in platform.content.decode()
    assert (
        world.client_for("A", PLATFORM).get(reverse("erkenning:aanvraag_nieuw")).status_code == 403
    )


def test_the_timeline_labels_every_step(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    timeline = erkenning_world.client_for("A", VERT).get(side.afgewezen.get_absolute_url())
    verbs = [e.verb for e in timeline.context["timeline"]]
    assert "aanvraag.afgewezen" in verbs and "aanvraag.ingediend" in verbs
    assert all(e.verb_label != e.verb for e in timeline.context["timeline"])


def test_the_demo_has_every_state_and_loads_once() -> None:
    from io import StringIO

    from django.core.management import call_command

    from duaal.audit.models import Event

    def counts() -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Aanvraag, Erkenning, Beroep, Machtiging, Event))

    call_command("demo_data", stdout=StringIO())
    first = counts()
    call_command("demo_data", stdout=StringIO())
    assert counts() == first
    statussen = set(Aanvraag.objects.values_list("status", flat=True))
    assert statussen >= {
        AanvraagStatus.ONTWERP,
        AanvraagStatus.INGEDIEND,
        AanvraagStatus.ONVOLLEDIG,
        AanvraagStatus.VOLLEDIG,
        AanvraagStatus.GOEDGEKEURD,
        AanvraagStatus.AFGEWEZEN,
    }
    op = _vandaag()
    volledig = Aanvraag.objects.filter(status=AanvraagStatus.VOLLEDIG)
    assert {(a.beslissing_uiterlijk_op - op).days for a in volledig} == {2, -3}
    assert volledig.filter(geescaleerd_op__isnull=False).count() == 1
    assert Erkenning.objects.filter(geldig_tot__lte=op + dt.timedelta(days=90)).exists()
    assert Erkenning.objects.filter(publiek_zichtbaar=True, plaatsen_beschikbaar=True).exists()
    assert Beroep.objects.filter(aanvraag__status=AanvraagStatus.AFGEWEZEN).exists()
    assert Machtiging.objects.filter(gemachtigde__naam="Campus Sint-Jozef").exists()
    assert Aanvraag.objects.filter(ingediend_namens__naam="Campus Sint-Jozef").exists()
