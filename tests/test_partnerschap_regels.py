"""The partnership admin edits its rules in the portal as dated versions: applications keep the
criteria of their submission, agreements the cap of their sending, trainings their deadline."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.organisaties.constants import AuditVerb
from duaal.organisaties.models import CriteriaVersie, Criterium, PartnerschapRegels
from duaal.organisaties.regels import DocumentEis
from duaal.organisaties.selectors import criteria_voor, regels_voor
from duaal.organisaties.services import (
    criterium_toevoegen,
    criterium_wijzigen,
    regels_wijzigen,
)
from duaal.workflow import Refused
from erkenning.selectors import antwoorden_van, criteria_van
from erkenning.services import aanvraag_aanmaken
from erkenning.services.termijnen import beslistermijn_escaleren
from mentors.services import mentoropleiding_starten
from overeenkomsten.controles import mentor_kan_leerling_erbij
from tests.erkenning.factories import DAG, AanvraagFactory, CriteriumDocumentFactory
from tests.erkenning_screens import url
from tests.factories import CriteriumFactory
from tests.mentors.factories import MentorFactory, geldige_toewijzing
from tests.support import als, lid, moment, verbs
from tests.world import World

pytestmark = pytest.mark.django_db

BEHEER, CONS, VERT = Rol.PARTNERSCHAPSBEHEERDER, Rol.SECTORCONSULENT, Rol.VERTEGENWOORDIGER


def regels_url(partnerschap) -> str:
    return reverse("organisaties:partnerschap_regels", kwargs={"public_id": partnerschap.public_id})


def criterium_url(partnerschap, criterium=None) -> str:
    base = reverse("organisaties:criterium_bewerken", kwargs={"public_id": partnerschap.public_id})
    return f"{base}?criterium={criterium.pk}" if criterium else base


def _formulier(omschrijving: str, stand: int, **extra) -> dict:
    return {"omschrijving": omschrijving, "volgorde": "1", "stand": str(stand), **extra}


def test_a_new_application_shows_the_changed_criterion_an_earlier_one_keeps_the_old(
    world: World,
) -> None:
    side = world.sides["A"]
    oud = CriteriumFactory(partnerschap=side.partnerschap, omschrijving="OUD-criterium")
    ingediend = AanvraagFactory(ingediend=True, vestiging=side.vestiging, opleiding=side.opleiding)
    beheerder = world.client_for("A", BEHEER)
    response = beheerder.post(
        criterium_url(side.partnerschap, oud), _formulier("NIEUW-criterium", 0, criterium=oud.pk)
    )
    assert response.status_code == 302 and response["Location"] == regels_url(side.partnerschap)
    oud.refresh_from_db()
    assert oud.geldig_tot is not None  # closed, not edited in place
    assert oud.omschrijving == "OUD-criterium"
    draft = aanvraag_aanmaken(
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        door=als(side.users[VERT], side.onderneming),
    )
    assert [a.criterium.omschrijving for a in draft.antwoorden.all()] == ["NIEUW-criterium"]
    assert [c.omschrijving for c in criteria_van(ingediend).criteria] == ["OUD-criterium"]
    werkgever = world.client_for("A", VERT)
    oude_pagina = werkgever.get(ingediend.get_absolute_url()).content.decode()
    assert "OUD-criterium" in oude_pagina and "NIEUW-criterium" not in oude_pagina
    assert 'id="criteria-versie"' in oude_pagina
    nieuwe_pagina = werkgever.get(draft.get_absolute_url()).content.decode()
    assert "NIEUW-criterium" in nieuwe_pagina and "OUD-criterium" not in nieuwe_pagina


def test_the_consultants_view_of_the_application_names_its_criteria_version(
    world: World,
) -> None:
    side = world.sides["A"]
    CriteriumFactory(partnerschap=side.partnerschap)
    beheerder = als(side.users[BEHEER], side.partnerschap)
    criterium_toevoegen(
        partnerschap=side.partnerschap,
        door=beheerder,
        omschrijving="Later",
        volgorde=2,
        documenten=[],
        now=moment(DAG - dt.timedelta(days=5)),
    )
    aanvraag = AanvraagFactory(ingediend=True, vestiging=side.vestiging, opleiding=side.opleiding)
    assert criteria_van(aanvraag).nummer == 1
    page = world.client_for("A", CONS).get(url("aanvraag_detail", aanvraag)).content.decode()
    assert 'id="criteria-versie"' in page and "Later" in page


def test_a_draft_answers_a_criterion_added_after_it_started(world: World) -> None:
    side = world.sides["A"]
    werkgever = als(side.users[VERT], side.onderneming)
    draft = aanvraag_aanmaken(vestiging=side.vestiging, opleiding=side.opleiding, door=werkgever)
    criterium = criterium_toevoegen(
        partnerschap=side.partnerschap,
        door=als(side.users[BEHEER], side.partnerschap),
        omschrijving="Nieuw",
        volgorde=1,
        documenten=[DocumentEis("RSZ-attest", per_mentor=False, verplicht=True)],
    )
    antwoorden = antwoorden_van(draft)
    assert [a.criterium_id for a in antwoorden] == [criterium.pk]
    assert antwoorden[0].pk is None and not antwoorden[0].voldaan  # to answer, unticked
    assert [d.naam for d in criteria_van(draft).vereisten] == ["RSZ-attest"]


def test_changing_only_a_document_keeps_the_criterion_and_replaces_that_document(
    world: World,
) -> None:
    side = world.sides["A"]
    criterium = CriteriumFactory(partnerschap=side.partnerschap, omschrijving="Veilig")
    blijft = CriteriumDocumentFactory(criterium=criterium, naam="Attest")
    weg = CriteriumDocumentFactory(criterium=criterium, naam="Foto")
    voor = moment(DAG)
    criterium_wijzigen(
        criterium=criterium,
        door=als(side.users[BEHEER], side.partnerschap),
        omschrijving="Veilig",
        volgorde=0,
        documenten=[
            DocumentEis("Attest", per_mentor=False, verplicht=True, bestaand=blijft.pk),
            DocumentEis("Plan", per_mentor=True, verplicht=False),
        ],
        now=moment(DAG + dt.timedelta(days=1)),
    )
    na = criteria_voor(side.partnerschap.pk, op=moment(DAG + dt.timedelta(days=2)))
    assert [c.pk for c in na.criteria] == [criterium.pk]
    assert sorted(d.naam for d in na.vereisten) == ["Attest", "Plan"]
    assert blijft.pk in [d.pk for d in na.vereisten]
    assert sorted(d.naam for d in criteria_voor(side.partnerschap.pk, op=voor).vereisten) == [
        "Attest",
        "Foto",
    ]
    weg.refresh_from_db()
    assert weg.geldig_tot is not None


def test_the_cap_is_the_version_in_force_when_the_agreement_was_sent(world: World) -> None:
    toewijzing = geldige_toewijzing(opleiding__partnerschap__max_leerlingen_per_mentor=2)
    partnerschap = toewijzing.opleiding.partnerschap
    beheerder = als(lid(partnerschap, BEHEER), partnerschap)
    wijziging = timezone.now() - dt.timedelta(days=1)
    regels_wijzigen(
        partnerschap=partnerschap,
        door=beheerder,
        max_leerlingen_per_mentor=1,
        mentoropleiding_termijn_maanden=12,
        escalatie_e_mail="",
        now=wijziging,
    )
    op = toewijzing.aangesteld_op + dt.timedelta(days=10)
    eerder_verstuurd = mentor_kan_leerling_erbij(
        toewijzing=toewijzing,
        leerlingen_op_datum=1,
        op=op,
        verstuurd_op=wijziging - dt.timedelta(hours=1),
    )
    assert eerder_verstuurd.kan  # sent under the old cap of 2: unchanged
    nu_versturen = mentor_kan_leerling_erbij(toewijzing=toewijzing, leerlingen_op_datum=1, op=op)
    assert not nu_versturen.kan  # sent now: the new cap of 1


def test_a_training_clock_takes_the_deadline_in_force_on_its_start(world: World) -> None:
    side = world.sides["A"]
    regels_wijzigen(
        partnerschap=side.partnerschap,
        door=als(side.users[BEHEER], side.partnerschap),
        max_leerlingen_per_mentor=2,
        mentoropleiding_termijn_maanden=3,
        escalatie_e_mail="",
        now=moment(DAG),
    )
    vroeger = mentoropleiding_starten(
        mentor=MentorFactory(onderneming=side.onderneming),
        partnerschap=side.partnerschap,
        vanaf=DAG - dt.timedelta(days=1),
    )
    later = mentoropleiding_starten(
        mentor=MentorFactory(onderneming=side.onderneming),
        partnerschap=side.partnerschap,
        vanaf=DAG,
    )
    assert vroeger.voltooien_uiterlijk_op >= DAG + dt.timedelta(days=360)  # original 12
    assert later.voltooien_uiterlijk_op <= DAG + dt.timedelta(days=100)  # the new 3


def test_a_lapsed_term_is_also_escalated_to_the_escalation_address(world: World) -> None:
    side = world.sides["A"]
    regels_wijzigen(
        partnerschap=side.partnerschap,
        door=als(side.users[BEHEER], side.partnerschap),
        max_leerlingen_per_mentor=2,
        mentoropleiding_termijn_maanden=12,
        escalatie_e_mail="escalatie@voorbeeld.be",
        now=moment(DAG),
    )
    AanvraagFactory(volledig=True, vestiging=side.vestiging, opleiding=side.opleiding)
    assert beslistermijn_escaleren(now=moment(DAG + dt.timedelta(days=60))) == 1
    assert Melding.objects.filter(
        sjabloon="erkenning/decision_term_exceeded", e_mail="escalatie@voorbeeld.be"
    ).exists()


def test_another_partnerships_admin_and_a_consultant_get_403(world: World) -> None:
    side = world.sides["A"]
    criterium = CriteriumFactory(partnerschap=side.partnerschap)
    for client in (world.client_for("B", BEHEER), world.client_for("A", CONS)):
        assert client.get(regels_url(side.partnerschap)).status_code == 403
        assert client.get(criterium_url(side.partnerschap, criterium)).status_code == 403
        post = client.post(criterium_url(side.partnerschap), _formulier("Inbraak", 0))
        assert post.status_code == 403
    assert not CriteriaVersie.objects.exists()
    assert not Criterium.objects.filter(omschrijving="Inbraak").exists()


def test_the_services_refuse_a_consultant(world: World) -> None:
    side = world.sides["A"]
    with pytest.raises(Refused):
        criterium_toevoegen(
            partnerschap=side.partnerschap,
            door=als(side.users[CONS], side.partnerschap),
            omschrijving="X",
            volgorde=0,
            documenten=[],
        )


def test_every_change_is_audited_and_listed_as_a_version(world: World) -> None:
    side = world.sides["A"]
    beheerder = world.client_for("A", BEHEER)
    assert (
        beheerder.post(criterium_url(side.partnerschap), _formulier("Eerste", 0)).status_code == 302
    )
    criterium = Criterium.objects.get(omschrijving="Eerste")
    wijzig = _formulier(
        "Tweede", 1, criterium=criterium.pk, doc_0_naam="Attest", doc_0_verplicht="on"
    )
    assert beheerder.post(criterium_url(side.partnerschap, criterium), wijzig).status_code == 302
    nieuw = Criterium.objects.get(omschrijving="Tweede", geldig_tot__isnull=True)
    schrap = {"criterium": nieuw.pk, "schrappen": "1"}
    assert beheerder.post(criterium_url(side.partnerschap, nieuw), schrap).status_code == 302
    regels = {"max_leerlingen_per_mentor": "3", "mentoropleiding_termijn_maanden": "9"}
    assert beheerder.post(regels_url(side.partnerschap), regels).status_code == 302
    assert verbs(side.partnerschap) == [
        AuditVerb.CRITERIUM_TOEGEVOEGD,
        AuditVerb.CRITERIUM_GEWIJZIGD,
        AuditVerb.CRITERIUM_GESCHRAPT,
        AuditVerb.REGELS_GEWIJZIGD,
    ]
    assert Event.objects.filter(verb=AuditVerb.REGELS_GEWIJZIGD, actor=side.users[BEHEER]).exists()
    assert regels_voor(side.partnerschap, op=timezone.now()).max_leerlingen_per_mentor == 3
    page = beheerder.get(regels_url(side.partnerschap)).content.decode()
    assert page.count("<li>") >= 3 and 'id="criteria-historiek"' in page
    assert CriteriaVersie.objects.filter(partnerschap=side.partnerschap).count() == 3
    assert PartnerschapRegels.objects.get().gewijzigd_door == side.users[BEHEER]


def test_bad_input_is_refused_with_the_typed_text_kept(world: World) -> None:
    side = world.sides["A"]
    beheerder = world.client_for("A", BEHEER)
    dubbel = _formulier("Mijn criterium", 0, doc_0_naam="Attest", doc_1_naam="attest")
    response = beheerder.post(criterium_url(side.partnerschap), dubbel)
    assert response.status_code == 200 and "Mijn criterium" in response.content.decode()
    slecht = {
        "max_leerlingen_per_mentor": "0",
        "mentoropleiding_termijn_maanden": "9",
        "escalatie_e_mail": "geen-adres",
    }
    response = beheerder.post(regels_url(side.partnerschap), slecht)
    assert response.status_code == 200 and 'id="foutenoverzicht"' in response.content.decode()
    assert not CriteriaVersie.objects.exists() and not PartnerschapRegels.objects.exists()


def test_a_save_over_a_newer_change_is_refused(world: World) -> None:
    side = world.sides["A"]
    beheerder = world.client_for("A", BEHEER)
    assert beheerder.post(criterium_url(side.partnerschap), _formulier("Een", 0)).status_code == 302
    oud = beheerder.post(criterium_url(side.partnerschap), _formulier("Twee", 0))
    assert oud.status_code == 200 and not Criterium.objects.filter(omschrijving="Twee").exists()


def test_the_dashboard_links_the_admin_to_the_edit_page(world: World) -> None:
    side = world.sides["A"]
    page = world.client_for("A", BEHEER).get(reverse("portaal:dashboard")).content.decode()
    assert regels_url(side.partnerschap) in page
