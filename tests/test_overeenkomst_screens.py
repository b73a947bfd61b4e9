"""The learner and agreement screens: forms keep what was typed and list why a service refused;
approval carries the version the user read; the personal link works once and then answers 410;
PDFs are attachments with server-chosen names; the INSZ is masked and never in a URL. Status
codes, database state and markers are asserted, not the wording (the Dutch catalogue comes
later)."""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from stdnum.be import ssn

from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag
from erkenning.models import Erkenning
from mentors.models import MentorToewijzing
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, Partij
from overeenkomsten.models import Goedkeuring, Leerling, Overeenkomst, Uitnodiging
from overeenkomsten.services import (
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
    overeenkomst_goedkeuren,
)
from overeenkomsten.services.goedkeuring import LINK_SALT

from .conftest import World, pdf
from .factories import ToewijzingFactory, UittrekselFactory, insz

pytestmark = pytest.mark.django_db

VERT, MEDEW, TRAJ = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, Rol.TRAJECTBEGELEIDER
GEBOORTE = dt.date(2010, 3, 15)
INSZ = insz(GEBOORTE, 41)
START, EINDE = dt.date(2027, 1, 4), dt.date(2028, 6, 30)


def url(name: str, obj) -> str:
    return reverse(f"overeenkomsten:{name}", kwargs={"public_id": obj.public_id})


def _vandaag() -> dt.date:
    return vandaag(timezone.now())


@dataclass
class Plek:
    """Side A's establishment holds a running recognition for its programme, with a mentor
    who meets every condition (the world's own mentor deliberately does not)."""

    toewijzing: MentorToewijzing
    erkenning: Erkenning


@pytest.fixture
def plek(world: World) -> Plek:
    side = world.sides["A"]
    toewijzing = ToewijzingFactory(
        mentor__onderneming=side.onderneming,
        mentor__achternaam="Geldig",
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        aanvaard=True,
    )
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=side.users[VERT])
    erkenning = Erkenning.objects.create(
        onderneming=side.onderneming,
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        partnerschap=side.opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    return Plek(toewijzing=toewijzing, erkenning=erkenning)


GEGEVENS = {
    "voornaam": "Lotte",
    "achternaam": "Peeters",
    "insz": INSZ,
    "geboortedatum": "15/03/2010",
    "e_mail": "lotte@leerling.example",
    "straat": "Kerkstraat",
    "huisnummer": "1",
    "postcode": "9000",
    "gemeente": "Gent",
    "start_lessen": "01/09/2026",
    "situatie": "A",
    "vertegenwoordiger_naam": "An Peeters",
    "vertegenwoordiger_e_mail": "an@ouder.example",
}


def _gekoppeld(world: World) -> Leerling:
    """A learner of side A's school, approved for side A's establishment, through the
    services."""
    side = world.sides["A"]
    coach = side.users[TRAJ]
    gegevens = {**GEGEVENS, "geboortedatum": GEBOORTE, "start_lessen": dt.date(2026, 9, 1)}
    leerling = leerling_registreren(
        onderwijsinstelling=side.onderwijsinstelling,
        opleiding=side.opleiding,
        door=coach,
        **gegevens,
    )
    leerling = leerling_goedkeuren(leerling=leerling, arbeidsrijp=True, door=coach)
    return leerling_werkplek_goedkeuren(
        leerling=leerling, vestiging=side.vestiging, intake_op=_vandaag(), door=coach
    )


ROOSTER = [(1, "werkplek", "08:00", "16:00"), (2, "werkplek", "08:00", "16:00")]
ROOSTER += [(3, "werkplek", "08:00", "16:00"), (4, "school", "08:30", "15:30")]


def _inhoud(plek: Plek, rooster=ROOSTER, **extra) -> dict:
    data = {
        "toewijzing": str(plek.toewijzing.public_id),
        "start": START.strftime("%d/%m/%Y"),
        "einde": EINDE.strftime("%d/%m/%Y"),
        "werkplekuren_per_week": "24",
        "opleidingsplan": "Competenties uit het standaardtraject zorg.",
        "vakantiebijlage": "",
        "blok-TOTAL_FORMS": "10",
        "blok-INITIAL_FORMS": "0",
        "blok-MIN_NUM_FORMS": "0",
        "blok-MAX_NUM_FORMS": "28",
    }
    for i, (dag, plaats, van, tot) in enumerate(rooster):
        data |= {f"blok-{i}-dag": dag, f"blok-{i}-plaats": plaats}
        data |= {f"blok-{i}-van": van, f"blok-{i}-tot": tot}
    return data | extra


def _opgesteld(world: World, plek: Plek) -> Overeenkomst:
    leerling = _gekoppeld(world)
    coach = world.client_for("A", TRAJ)
    response = coach.post(url("overeenkomst_opstellen", leerling), _inhoud(plek))
    o = Overeenkomst.objects.get(leerling=leerling)
    assert response.status_code == 302 and response["Location"] == o.get_absolute_url()
    return o


def _verstuurd(world: World, plek: Plek, capture) -> Overeenkomst:
    o = _opgesteld(world, plek)
    with capture(execute=True):  # the PDF task runs on commit
        response = world.client_for("A", TRAJ).post(url("overeenkomst_versturen", o))
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING
    return o


def _token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)


def _urls_in(html: str) -> list[str]:
    return re.findall(r'(?:href|action|src)="([^"]*)"', html)


# --- Learners ---------------------------------------------------------------------------------


def test_coach_registers_a_learner_and_the_list_masks_the_insz(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id)}
    response = coach.post(reverse("overeenkomsten:leerling_nieuw"), data)
    leerling = Leerling.objects.get()
    assert response.status_code == 302 and response["Location"] == leerling.get_absolute_url()
    assert leerling.insz == INSZ and leerling.overeenkomst_uiterlijk is not None
    lijst = coach.get(reverse("overeenkomsten:leerling_list")).content.decode()
    assert leerling.insz_gemaskeerd in lijst and INSZ not in lijst
    detail = coach.get(leerling.get_absolute_url()).content.decode()
    assert INSZ not in detail and ssn.format(INSZ) not in detail
    assert all(INSZ not in u for u in [response["Location"], *_urls_in(lijst + detail)])


def test_a_refused_registration_keeps_every_input(world: World) -> None:
    """A minor without a legal representative: the service refuses, nothing is lost."""
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id)}
    data |= {"vertegenwoordiger_naam": "", "vertegenwoordiger_e_mail": ""}
    response = coach.post(reverse("overeenkomsten:leerling_nieuw"), data)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="foutenoverzicht"' in body
    for veld in ("voornaam", "achternaam", "e_mail", "straat", "gemeente"):
        assert f'value="{GEGEVENS[veld]}"' in body, veld
    assert 'value="15/03/2010"' in body
    assert not Leerling.objects.exists()


def test_a_wrong_insz_is_marked_on_its_field(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id), "insz": INSZ[:-2] + "00"}
    body = coach.post(reverse("overeenkomsten:leerling_nieuw"), data).content.decode()
    assert 'href="#id_insz"' in body and not Leerling.objects.exists()


def test_coach_screens_approves_and_matches_a_learner(world: World, plek: Plek) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    coach.post(
        reverse("overeenkomsten:leerling_nieuw"),
        {**GEGEVENS, "opleiding": str(side.opleiding.public_id)},
    )
    leerling = Leerling.objects.get()
    advies = {"advies": "positief", "advies_door": "klassenraad", "toelichting": "Gemotiveerd"}
    assert coach.post(url("leerling_screenen", leerling), advies).status_code == 302
    assert coach.post(url("leerling_goedkeuren", leerling), {"arbeidsrijp": "1"}).status_code == 302
    werkplek = coach.get(url("werkplek_goedkeuren", leerling)).content.decode()
    # Only establishments with a running recognition for the programme are offered.
    assert str(side.vestiging.public_id) in werkplek
    assert str(world.sides["B"].vestiging.public_id) not in werkplek
    keuze = {"vestiging": str(side.vestiging.public_id), "intake_op": f"{_vandaag():%d/%m/%Y}"}
    assert coach.post(url("werkplek_goedkeuren", leerling), keuze).status_code == 302
    leerling.refresh_from_db()
    assert (leerling.advies, leerling.status) == ("positief", LeerlingStatus.WERKPLEK_GOEDGEKEURD)
    assert leerling.werkplek == side.vestiging


def test_an_edit_keeps_the_insz_unless_retyped(world: World) -> None:
    leerling, coach = _gekoppeld(world), world.client_for("A", TRAJ)
    pagina = coach.get(url("leerling_bewerken", leerling)).content.decode()
    assert INSZ not in pagina and ssn.format(INSZ) not in pagina
    data = {**GEGEVENS, "insz": "", "opleiding": str(leerling.opleiding.public_id)}
    data["e_mail"] = "nieuw@leerling.example"
    assert coach.post(url("leerling_bewerken", leerling), data).status_code == 302
    leerling.refresh_from_db()
    assert (leerling.e_mail, leerling.insz) == ("nieuw@leerling.example", INSZ)


def test_the_learner_list_marks_an_overdue_agreement(world: World) -> None:
    leerling = _gekoppeld(world)  # lessons started on 1/9: 20 training days have passed
    body = world.client_for("A", TRAJ).get(reverse("overeenkomsten:leerling_list")).content
    assert leerling.overeenkomst_uiterlijk < _vandaag()
    assert b'data-termijn="verstreken"' in body


def test_employers_get_no_learner_dossier(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, MEDEW):
        assert world.client_for("A", rol).get(o.leerling.get_absolute_url()).status_code == 403
    assert world.client_for("B", TRAJ).get(o.leerling.get_absolute_url()).status_code == 404


# --- Drafting and sending ---------------------------------------------------------------------


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_coach_drafts_with_a_timetable_and_sends(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    assert o.uurrooster.count() == 4 and o.leervergoeding is not None
    assert o.met_vertegenwoordiger  # a minor: the legal representative signs too
    assert {u.partij for u in o.uitnodigingen.all()} == {Partij.LEERLING, Partij.VERTEGENWOORDIGER}
    body = world.client_for("A", TRAJ).get(o.get_absolute_url()).content.decode()
    assert o.documenten.filter(versie=1).exists()
    assert url("document_pdf", o.documenten.get()) in body
    assert body.count('data-goedgekeurd="nee"') == 4


def test_the_draft_form_shows_the_type_and_the_allowance(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    body = world.client_for("A", TRAJ).get(url("overeenkomst_opstellen", leerling)).content
    assert b'data-testid="leervergoeding"' in body and b"\xe2\x82\xac" in body
    assert b'name="loon_sectorschaal"' not in body  # an OAO has no wage (R68)
    assert b'name="blok-9-dag"' in body  # ten timetable rows, no script needed


def test_a_da_asks_the_wage_and_shows_no_allowance(world: World, plek: Plek) -> None:
    opleiding = world.sides["A"].opleiding
    opleiding.overeenkomsttype = "da"
    opleiding.save()
    leerling = _gekoppeld(world)
    body = world.client_for("A", TRAJ).get(url("overeenkomst_opstellen", leerling)).content
    assert b'name="loon_sectorschaal"' in body and b'data-testid="leervergoeding"' not in body


def test_every_guard_objection_is_listed_and_the_input_kept(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    # A minor 10 hours on Monday (R77) and 10 workplace hours against 24 declared.
    rooster = [(1, "werkplek", "07:00", "17:00")]
    data = _inhoud(plek, rooster, opleidingsplan="Mijn plan met details")
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Overeenkomst.objects.exists()
    fouten = re.search(r'id="foutenoverzicht".*?</ul>', body, re.S).group(0)
    assert fouten.count("<li>") >= 2
    assert "Mijn plan met details" in body and 'value="07:00"' in body
    assert 'value="1" selected' in body


def test_drafting_for_an_unmatched_learner_says_why(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    world.client_for("A", TRAJ).post(url("werkplek_loslaten", leerling))
    response = world.client_for("A", TRAJ).post(
        url("overeenkomst_opstellen", leerling), _inhoud(plek)
    )
    assert response.status_code == 200 and b'id="foutenoverzicht"' in response.content
    assert not Overeenkomst.objects.exists()


def test_a_half_filled_timetable_row_is_refused_on_the_row(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    data = _inhoud(plek, [(1, "werkplek", "08:00", "")])
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    assert response.status_code == 200 and b'data-testid="rijfout"' in response.content
    assert not Overeenkomst.objects.exists()


# --- Approval ---------------------------------------------------------------------------------


def test_employer_and_coach_approve_then_the_learner_side_by_link(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, TRAJ):
        response = world.client_for("A", rol).post(url("overeenkomst_goedkeuren", o), {"versie": 1})
        assert response.status_code == 302, rol
    for uitnodiging in o.uitnodigingen.all():
        response = Client().post(
            reverse("overeenkomsten:link_goedkeuren", args=[_token(uitnodiging)])
        )
        assert response.status_code == 200
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
    response = Client().get(reverse("overeenkomsten:link_goedkeuren", args=[_token(oud)]))
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
    link = reverse("overeenkomsten:link_goedkeuren", args=[token])
    response = Client().get(link)
    body = response.content.decode()
    assert response.status_code == 200 and "Peeters" in body
    assert response["Cache-Control"] == "private, no-store"
    assert INSZ not in body and o.leerling.insz_gemaskeerd in body
    assert reverse("overeenkomsten:link_pdf", args=[token]) in body
    assert Client().post(link).status_code == 200
    assert Goedkeuring.objects.filter(overeenkomst=o, partij=Partij.LEERLING).exists()
    for method in ("get", "post"):
        response = getattr(Client(), method)(link)
        assert response.status_code == 410 and b'data-testid="ongeldig"' in response.content


def test_an_expired_or_forged_link_answers_gone(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.LEERLING)
    uitnodiging.geldig_tot = timezone.now() - dt.timedelta(minutes=1)
    uitnodiging.save()
    for token in (_token(uitnodiging), "vervalst", _token(uitnodiging)[:-2] + "xx"):
        response = Client().get(reverse("overeenkomsten:link_goedkeuren", args=[token]))
        assert response.status_code == 410, token
        assert Client().get(reverse("overeenkomsten:link_pdf", args=[token])).status_code == 410


# --- Documents --------------------------------------------------------------------------------


def test_the_pdf_is_an_attachment_with_a_server_chosen_name(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    document = o.documenten.get()
    naam = f"overeenkomst-{str(o.public_id)[:8].upper()}-v1.pdf"
    for response in (
        world.client_for("A", MEDEW).get(url("document_pdf", document)),
        Client().get(
            reverse(
                "overeenkomsten:link_pdf",
                args=[_token(o.uitnodigingen.get(partij=Partij.LEERLING))],
            )
        ),
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


# --- Follow-up of a signed agreement ----------------------------------------------------------


def _getekend(world: World, plek: Plek, capture) -> Overeenkomst:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, TRAJ):
        overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=world.sides["A"].users[rol])
    for uitnodiging in o.uitnodigingen.all():
        Client().post(reverse("overeenkomsten:link_goedkeuren", args=[_token(uitnodiging)]))
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    return o


def test_the_employer_suspends_and_ends_early(world: World, plek: Plek, capture) -> None:
    o = _getekend(world, plek, capture)
    werkgever = world.client_for("A", VERT)
    schorsing = {"reden": "ziekte", "van": "11/01/2027", "tot": "15/01/2027", "toelichting": ""}
    assert werkgever.post(url("schorsing_registreren", o), schorsing).status_code == 302
    einde = {"reden": "andere", "laatste_dag": "26/02/2027", "toelichting": ""}
    response = werkgever.post(url("overeenkomst_beeindigen", o), einde)
    assert response.status_code == 200 and b"foutenoverzicht" in response.content  # "other"
    einde["toelichting"] = "Verhuis naar het buitenland."
    assert werkgever.post(url("overeenkomst_beeindigen", o), einde).status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.BEEINDIGD and o.schorsingen.count() == 1


# --- Dashboards -------------------------------------------------------------------------------


def test_dashboards_show_what_waits_for_each_party(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    dashboard = reverse("portaal:dashboard")
    coach = world.client_for("A", TRAJ).get(dashboard).content.decode()
    assert o.leerling.get_absolute_url() in coach  # overdue learner
    assert o.get_absolute_url() in coach  # awaiting the school's approval
    werkgever = world.client_for("A", VERT).get(dashboard).content.decode()
    assert o.get_absolute_url() in werkgever
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=world.sides["A"].users[VERT])
    werkgever = world.client_for("A", VERT).get(dashboard).content.decode()
    assert o.get_absolute_url() not in werkgever
    assert o.get_absolute_url() not in world.client_for("B", VERT).get(dashboard).content.decode()
