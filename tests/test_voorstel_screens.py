"""The proposal screens (R48): the coach proposes from the learner's page and sees the answer;
the employer answers on the proposal's page, reading only the minimum about the learner; a
school cannot match or draft for an employer that did nothing (issue 13, F1)."""

import datetime as dt

import pytest
from stdnum.be import ssn

from django.urls import reverse

from erkenning.models import Erkenning
from overeenkomsten.constants import LeerlingStatus, VoorstelStatus
from overeenkomsten.models import Leerling, Overeenkomst, Voorstel
from overeenkomsten.services import (
    LeerlingGegevens,
    leerling_goedkeuren,
    leerling_registreren,
    voorstel_doen,
    voorstel_intrekken,
)

from .factories import VestigingFactory
from .overeenkomst_screens import (
    GEBOORTE,
    GEGEVENS,
    INSZ,
    MEDEW,
    TRAJ,
    VERT,
    _erkend,
    _vandaag,
    url,
)
from .support import als
from .world import World

pytestmark = pytest.mark.django_db


def _zoekend(world: World) -> Leerling:
    """A learner of side A's school, approved for dual learning and looking for a workplace;
    side A's establishment is recognised and published for the programme."""
    side = world.sides["A"]
    coach = als(side.users[TRAJ])
    Erkenning.objects.filter(pk=_erkend(side).pk).update(publiek_zichtbaar=True)
    gegevens = {**GEGEVENS, "geboortedatum": GEBOORTE, "start_lessen": _vandaag()}
    leerling = leerling_registreren(
        onderwijsinstelling=side.onderwijsinstelling,
        gegevens=LeerlingGegevens(opleiding=side.opleiding, **gegevens),
        door=coach,
    )
    return leerling_goedkeuren(leerling=leerling, door=coach)


def _voorgesteld(world: World) -> Voorstel:
    side = world.sides["A"]
    return voorstel_doen(
        leerling=_zoekend(world), vestiging=side.vestiging, door=als(side.users[TRAJ])
    )


def test_the_coach_proposes_from_the_learners_page_and_sees_the_status(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    leerling = _zoekend(world)
    verborgen = VestigingFactory(onderneming=side.onderneming, naam="Niet gepubliceerd")
    Erkenning.objects.create(
        onderneming=side.onderneming,
        vestiging=verborgen,
        opleiding=side.opleiding,
        partnerschap=side.opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    assert 'data-testid="voorstellen"' in coach.get(leerling.get_absolute_url()).content.decode()
    formulier = coach.get(url("voorstel_doen", leerling)).content.decode()
    assert str(side.vestiging.public_id) in formulier
    assert str(verborgen.public_id) not in formulier  # unpublished, no relationship
    antwoord = coach.post(
        url("voorstel_doen", leerling), {"vestiging": str(side.vestiging.public_id)}
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == leerling.get_absolute_url()
    voorstel = Voorstel.objects.get()
    pagina = coach.get(leerling.get_absolute_url()).content.decode()
    assert f'data-voorstel="{voorstel.public_id}"' in pagina
    assert 'data-status="voorgesteld"' in pagina


def test_a_typed_number_gets_the_same_answer_whether_or_not_it_exists(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    leerling = _zoekend(world)
    antwoorden = []
    for nummer in (
        side.vestiging.vestigingseenheidsnummer,
        VestigingFactory.build().vestigingseenheidsnummer,
    ):
        antwoord = coach.post(url("voorstel_doen", leerling), {"nummer": nummer}, follow=True)
        pagina = antwoord.content.decode()
        antwoorden.append(
            (antwoord.redirect_chain, pagina.count("workplace number"), "alert-success" in pagina)
        )
        voorstel = Voorstel.objects.latest("pk")
        voorstel_intrekken(voorstel=voorstel, door=als(side.users[TRAJ]))
    assert antwoorden[0][0] == antwoorden[1][0] and antwoorden[0][2] and antwoorden[1][2]
    assert Voorstel.objects.count() == 2


def test_the_employer_sees_the_proposal_with_the_minimum_and_accepts_it(world: World) -> None:
    voorstel = _voorgesteld(world)
    leerling = voorstel.leerling
    werkgever = world.client_for("A", VERT)
    dashboard = werkgever.get(reverse("portaal:dashboard")).content.decode()
    assert voorstel.get_absolute_url() in dashboard
    # Both sides reach their proposals from the main navigation.
    lijst = f'href="{reverse("overeenkomsten:voorstel_list")}"'
    assert lijst in dashboard.split("</nav>")[0]
    coach_dashboard = world.client_for("A", TRAJ).get(reverse("portaal:dashboard"))
    assert lijst in coach_dashboard.content.decode().split("</nav>")[0]
    assert (
        voorstel.get_absolute_url()
        in werkgever.get(reverse("overeenkomsten:voorstel_list")).content.decode()
    )
    pagina = werkgever.get(voorstel.get_absolute_url()).content.decode()
    assert f"{leerling.voornaam} {leerling.achternaam}" in pagina
    assert leerling.opleiding.officiele_naam in pagina
    for geheim in (INSZ, ssn.format(INSZ), leerling.insz_gemaskeerd, leerling.straat, "15/03/2010"):
        assert geheim not in pagina
    assert 'data-testid="aanvaarden"' in pagina
    # The proposal does not open the learner's dossier.
    assert werkgever.get(leerling.get_absolute_url()).status_code in (403, 404)
    antwoord = werkgever.post(
        url("voorstel_aanvaarden", voorstel), {"intake_op": f"{_vandaag():%d/%m/%Y}"}
    )
    assert antwoord.status_code == 302
    leerling.refresh_from_db()
    assert (leerling.status, leerling.werkplek) == (
        LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        voorstel.vestiging,
    )


def test_a_staff_member_cannot_answer_and_sees_no_buttons(world: World) -> None:
    voorstel = _voorgesteld(world)
    medewerker = world.client_for("A", MEDEW)
    pagina = medewerker.get(voorstel.get_absolute_url()).content.decode()
    assert 'data-testid="aanvaarden"' not in pagina
    assert (
        medewerker.post(
            url("voorstel_aanvaarden", voorstel), {"intake_op": "01/09/2026"}
        ).status_code
        == 403
    )
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.VOORGESTELD


def test_a_stale_answer_gets_the_guards_reason(world: World) -> None:
    voorstel = _voorgesteld(world)
    werkgever = world.client_for("A", VERT)
    voorstel_intrekken(voorstel=voorstel, door=als(world.sides["A"].users[TRAJ]))
    antwoord = werkgever.post(url("voorstel_weigeren", voorstel), {"reden": "Geen plaats"})
    assert antwoord.status_code == 200
    # The guard's reason, in the page's language (Dutch by default).
    assert "werd al beantwoord of is afgelopen" in antwoord.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.INGETROKKEN


def test_the_refusal_and_its_reason_show_on_the_learners_page(world: World) -> None:
    voorstel = _voorgesteld(world)
    werkgever, coach = world.client_for("A", VERT), world.client_for("A", TRAJ)
    assert (
        werkgever.post(url("voorstel_weigeren", voorstel), {"reden": "Geen plaats"}).status_code
        == 302
    )
    pagina = coach.get(voorstel.leerling.get_absolute_url()).content.decode()
    assert 'data-status="geweigerd"' in pagina and "Geen plaats" in pagina


def test_f1_a_coach_cannot_match_or_draft_for_an_employer_that_did_nothing(world: World) -> None:
    """The regression of issue 13: no approval for a workplace, so no agreement, without the
    employer's acceptance or mandate."""
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    leerling = _zoekend(world)
    keuze = {"vestiging": str(side.vestiging.public_id), "intake_op": f"{_vandaag():%d/%m/%Y}"}
    assert (
        str(side.vestiging.public_id)
        not in coach.get(url("werkplek_goedkeuren", leerling)).content.decode()
    )
    assert coach.post(url("werkplek_goedkeuren", leerling), keuze).status_code == 200
    leerling.refresh_from_db()
    assert leerling.status == LeerlingStatus.GOEDGEKEURD and leerling.werkplek is None
    assert coach.get(url("overeenkomst_opstellen", leerling)).status_code == 200
    assert not Overeenkomst.objects.exists()


def test_the_employer_grants_a_mandate_for_learners_and_sees_its_scope(world: World) -> None:
    from erkenning.models import Machtiging

    side, werkgever = world.sides["A"], world.client_for("A", VERT)
    school = side.onderwijsinstelling
    keuze = {"zoek": school.naam, "gemachtigde": str(school.public_id), "voor_leerlingen": "on"}
    antwoord = werkgever.post(reverse("erkenning:machtiging_list"), keuze)
    assert antwoord.status_code == 302
    machtiging = Machtiging.objects.get(onderneming=side.onderneming, gemachtigde=school)
    assert (machtiging.voor_aanvragen, machtiging.voor_leerlingen) == (False, True)
    lijst = werkgever.get(reverse("erkenning:machtiging_list")).content.decode()
    assert 'data-testid="reikwijdte"' in lijst and "Leerlingen en overeenkomsten" in lijst
