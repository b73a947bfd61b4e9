"""The agreement screens, nobody bound without acting (issue 13, finding 1): a signature on paper
the coach records for the employer or the learner's side binds nobody until that party
confirms it; meanwhile the agreement awaits confirmation and takes no place of the mentor
(R40). And R63: the school gets the mentor's full INSZ only once the employer accepted."""

import io

import pytest
from pypdf import PdfReader
from stdnum.be import ssn

from django.test import Client
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.insz import insz_masker
from duaal.meldingen.models import Melding
from overeenkomsten.constants import Bevestiging, OvereenkomstStatus, Partij
from overeenkomsten.controles import lopend_bij_mentor, mentor_kan_leerling_erbij
from overeenkomsten.models import Goedkeuring, Overeenkomst

from . import overeenkomst_screens
from .overeenkomst_screens import (
    EINDE,
    START,
    TRAJ,
    VERT,
    Plek,
    _verstuurd,
    link_goedkeuren,
    link_openen,
    url,
)
from .world import World, pdf

pytestmark = pytest.mark.django_db

capture = overeenkomst_screens.capture
CONS = Rol.SECTORCONSULENT


# Side A's workplace; side A's school holds the enterprise's mandate for learners and
# agreements, so it drafts the agreement without the employer accepting anything: as in the
# finding, the employer has done nothing.
plek = overeenkomst_screens.plek


def _op_papier(world: World, o: Overeenkomst, partij: str, naam: str) -> Goedkeuring:
    gegevens = {"versie": o.versie, "partij": partij, "naam": naam, "scan": pdf("scan.pdf")}
    response = world.client_for("A", TRAJ).post(url("goedkeuring_papier", o), gegevens)
    assert response.status_code == 302
    return Goedkeuring.objects.get(overeenkomst=o, partij=partij)


def _alles_op_papier(world: World, plek: Plek, capture) -> tuple[Overeenkomst, Goedkeuring]:
    """The coach approves for the school and records the other three signatures on paper."""
    o = _verstuurd(world, plek, capture)
    coach = world.client_for("A", TRAJ)
    assert coach.post(url("overeenkomst_goedkeuren", o), {"versie": 1}).status_code == 302
    werkgever = _op_papier(world, o, Partij.WERKGEVER, "Wim Werkgever")
    _op_papier(world, o, Partij.LEERLING, "Lotte Peeters")
    _op_papier(world, o, Partij.VERTEGENWOORDIGER, "An Peeters")
    o.refresh_from_db()
    return o, werkgever


def test_r40_a_coach_cannot_sign_for_an_employer_that_did_nothing(
    world: World, plek: Plek, capture
) -> None:
    """Regression for finding 1: paper signatures for the employer and the learner's side make
    the agreement await confirmation, not signed, and the mentor's cap stays free."""
    partnerschap = plek.toewijzing.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    o, _werkgever = _alles_op_papier(world, plek, capture)
    assert o.status == OvereenkomstStatus.TE_BEVESTIGEN and o.ondertekend_op is None
    body = world.client_for("A", TRAJ).get(o.get_absolute_url()).content.decode()
    assert 'data-status="te_bevestigen"' in body and 'data-status="ondertekend"' not in body
    # Another school can still get this mentor: nothing the employer did not accept counts.
    bezet = lopend_bij_mentor(plek.toewijzing, START, EINDE, None)
    assert bezet == 0
    assert mentor_kan_leerling_erbij(
        toewijzing=plek.toewijzing, leerlingen_op_datum=bezet, op=START
    ).kan
    werkgever = world.sides["A"].users[VERT]
    assert Melding.objects.filter(
        e_mail=werkgever.email, event_key__endswith=":bevestigen"
    ).exists()


def test_the_employer_confirms_on_the_agreement_page_and_the_parent_by_link(
    world: World, plek: Plek, capture
) -> None:
    o, werkgever = _alles_op_papier(world, plek, capture)
    client = world.client_for("A", VERT)
    body = client.get(o.get_absolute_url()).content.decode()
    assert 'data-testid="te-bevestigen"' in body
    bevestigen = url("handtekening_bevestigen", werkgever)
    assert f'href="{bevestigen}"' in body
    assert client.post(bevestigen, {}).status_code == 200  # the box must be ticked
    assert client.post(bevestigen, {"ondertekend": "on"}).status_code == 302
    for uitnodiging in o.uitnodigingen.all():
        assert link_goedkeuren(Client(), uitnodiging).status_code == 200
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.BEVESTIGD


def test_the_parent_says_through_the_link_that_the_signature_is_not_theirs(
    world: World, plek: Plek, capture
) -> None:
    o, _werkgever = _alles_op_papier(world, plek, capture)
    uitnodiging = o.uitnodigingen.get(partij=Partij.VERTEGENWOORDIGER)
    browser = Client()
    sessie = link_openen(browser, uitnodiging)
    body = browser.get(sessie.pagina).content.decode()
    assert 'data-testid="te-bevestigen"' in body and 'data-testid="betwisten"' in body
    betwisten = sessie.pagina + "betwisten/"
    assert browser.post(betwisten, {"sleutel": sessie.sleutel}).status_code == 302  # no reason
    response = browser.post(betwisten, {"sleutel": sessie.sleutel, "toelichting": "Niet ik."})
    assert response.status_code == 200 and b'data-testid="betwist"' in response.content
    ouder = o.goedkeuringen.get(partij=Partij.VERTEGENWOORDIGER)
    assert (ouder.bevestiging, ouder.betwist_toelichting) == (Bevestiging.BETWIST, "Niet ik.")
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING


def test_not_ours_voids_it_and_the_partnership_finds_it_in_its_list(
    world: World, plek: Plek, capture
) -> None:
    o, werkgever = _alles_op_papier(world, plek, capture)
    betwisten = url("handtekening_betwisten", werkgever)
    response = world.client_for("A", VERT).post(betwisten, {"toelichting": "Nooit getekend."})
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING
    lijst = reverse("overeenkomsten:handtekening_list")
    body = world.client_for("A", CONS).get(lijst).content.decode()
    assert f'data-goedkeuring="{werkgever.public_id}"' in body and "Nooit getekend." in body
    assert f'href="{lijst}"' in body.split("</nav>")[0]  # the consultant's menu leads there
    assert f'data-goedkeuring="{werkgever.public_id}"' not in (
        world.client_for("B", CONS).get(lijst).content.decode()
    )
    assert world.client_for("A", CONS).get(o.get_absolute_url()).status_code == 404


def test_the_partnership_verifies_a_signature_and_reads_its_scan(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    werkgever = _op_papier(world, o, Partij.WERKGEVER, "Wim Werkgever")
    consulent = world.client_for("A", CONS)
    assert consulent.get(url("goedkeuring_scan", werkgever)).status_code == 200
    verifieren = url("handtekening_verifieren", werkgever)
    assert consulent.post(verifieren, {"nagegaan": "on"}).status_code == 302
    werkgever.refresh_from_db()
    assert werkgever.bevestiging == Bevestiging.GEVERIFIEERD
    assert world.client_for("B", CONS).get(verifieren).status_code == 404


def _pdf_tekst(client: Client, o: Overeenkomst) -> str:
    document = o.documenten.get(versie=o.versie)
    response = client.get(url("document_pdf", document))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_r63_the_school_gets_the_mentors_insz_only_once_the_employer_accepted(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    coach, mentor = world.client_for("A", TRAJ), plek.toewijzing.mentor
    voor = _pdf_tekst(coach, o)
    assert ssn.format(mentor.insz) not in voor and insz_masker(mentor.insz) in voor
    with capture(execute=True):  # the acceptance renders the PDF again on commit
        response = world.client_for("A", VERT).post(
            url("overeenkomst_goedkeuren", o), {"versie": 1}
        )
    assert response.status_code == 302
    assert ssn.format(mentor.insz) in _pdf_tekst(coach, o)
