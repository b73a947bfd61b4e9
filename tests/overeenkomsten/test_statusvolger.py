"""The status trackers of a learner (R46-R48) and of an agreement (R59-R61), read from the
transitions maps; the agreement types named as the PDF names them; an approval through a
personal link named after the person the link was sent to."""

import datetime as dt

import pytest

from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from duaal.audit.models import Event
from duaal.audit.selectors import timeline_for
from duaal.organisaties.constants import Overeenkomsttype
from duaal.statusvolger import TermijnStand, Toestand
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, Partij
from overeenkomsten.models import Goedkeuring, Overeenkomst
from overeenkomsten.presenter import TEMPLATE, TITELS, presenteer
from overeenkomsten.services import leerling_naar_aanloopfase, leerling_registreren
from overeenkomsten.statusvolger import leerling_volger, overeenkomst_volger

from .conftest import NU, VANDAAG, als, gegevens

pytestmark = pytest.mark.django_db


def _stappen(volger) -> list[tuple[str, str]]:
    return [(s.status, s.toestand) for s in volger.stappen]


def _leerling_volger(leerling, op: dt.date = VANDAAG):
    leerling.refresh_from_db()
    return leerling_volger(leerling, timeline=timeline_for(leerling), op=op)


def _overeenkomst_volger(o: Overeenkomst, op: dt.date = VANDAAG):
    o = Overeenkomst.objects.select_related("leerling").get(pk=o.pk)
    return overeenkomst_volger(o, timeline=timeline_for(o), op=op)


# The learner.


def test_a_registered_learner_stands_at_the_first_step_with_the_r48_term(traject) -> None:
    leerling = leerling_registreren(
        onderwijsinstelling=traject.school,
        gegevens=gegevens(traject.opleiding),
        door=als(traject.coach),
        now=NU,
    )
    volger = _leerling_volger(leerling)
    assert _stappen(volger) == [
        (LeerlingStatus.AANGEMELD, Toestand.HUIDIG),
        (LeerlingStatus.GOEDGEKEURD, Toestand.VOLGEND),
        (LeerlingStatus.WERKPLEK_GOEDGEKEURD, Toestand.VOLGEND),
    ]
    assert volger.huidig.op == VANDAAG
    assert volger.huidig.termijn.uiterlijk == leerling.overeenkomst_uiterlijk
    assert volger.huidig.termijn.stand == TermijnStand.LOOPT


def test_a_matched_learner_has_each_step_done_on_its_day(traject) -> None:
    volger = _leerling_volger(traject.leerling())
    assert _stappen(volger) == [
        (LeerlingStatus.AANGEMELD, Toestand.GEDAAN),
        (LeerlingStatus.GOEDGEKEURD, Toestand.GEDAAN),
        (LeerlingStatus.WERKPLEK_GOEDGEKEURD, Toestand.HUIDIG),
    ]
    assert [s.op for s in volger.stappen] == [VANDAAG] * 3


def test_a_learner_past_the_r48_term_is_overdue_from_the_next_day(traject) -> None:
    leerling = traject.leerling()
    uiterlijk = leerling.overeenkomst_uiterlijk
    assert _leerling_volger(leerling, op=uiterlijk).huidig.termijn.stand == TermijnStand.NADERT
    termijn = _leerling_volger(leerling, op=uiterlijk + dt.timedelta(days=1)).huidig.termijn
    assert termijn.stand == TermijnStand.TE_LAAT
    assert termijn.te_laat_sinds == uiterlijk + dt.timedelta(days=1)


def test_the_preparatory_phase_is_a_detour_before_approval(traject) -> None:
    leerling = leerling_registreren(
        onderwijsinstelling=traject.school,
        gegevens=gegevens(traject.opleiding),
        door=als(traject.coach),
        now=NU,
    )
    leerling_naar_aanloopfase(leerling=leerling, door=als(traject.coach), now=NU)
    assert _stappen(_leerling_volger(leerling)) == [
        (LeerlingStatus.AANGEMELD, Toestand.GEDAAN),
        (LeerlingStatus.AANLOOPFASE, Toestand.HUIDIG),
        (LeerlingStatus.GOEDGEKEURD, Toestand.VOLGEND),
        (LeerlingStatus.WERKPLEK_GOEDGEKEURD, Toestand.VOLGEND),
    ]


# The agreement.


def test_a_draft_agreement_stands_at_the_first_step(traject) -> None:
    volger = _overeenkomst_volger(traject.ontwerp())
    assert _stappen(volger) == [
        (OvereenkomstStatus.ONTWERP, Toestand.HUIDIG),
        (OvereenkomstStatus.TER_GOEDKEURING, Toestand.VOLGEND),
        (OvereenkomstStatus.ONDERTEKEND, Toestand.VOLGEND),
        (OvereenkomstStatus.AFGELOPEN, Toestand.VOLGEND),
    ]
    assert volger.huidig.termijn.stand == TermijnStand.LOOPT


def test_a_sent_agreement_awaits_approval_and_turns_overdue_after_the_r48_term(traject) -> None:
    o = traject.verstuurd()
    volger = _overeenkomst_volger(o)
    assert [s.toestand for s in volger.stappen[:2]] == [Toestand.GEDAAN, Toestand.HUIDIG]
    assert volger.huidig.op == VANDAAG
    uiterlijk = o.leerling.overeenkomst_uiterlijk
    laat = _overeenkomst_volger(o, op=uiterlijk + dt.timedelta(days=3)).huidig.termijn
    assert laat.stand == TermijnStand.TE_LAAT and laat.uiterlijk == uiterlijk


def test_a_signed_agreement_runs_until_its_end_with_no_deadline_to_miss(traject) -> None:
    o = traject.ondertekend()
    volger = _overeenkomst_volger(o, op=o.einde + dt.timedelta(days=1))
    assert volger.huidig.status == OvereenkomstStatus.ONDERTEKEND
    assert [s.toestand for s in volger.stappen] == [
        Toestand.GEDAAN,
        Toestand.GEDAAN,
        Toestand.HUIDIG,
        Toestand.VOLGEND,
    ]
    assert volger.huidig.termijn.uiterlijk == o.einde
    assert volger.huidig.termijn.stand == TermijnStand.LOOPT


def test_a_withdrawn_agreement_ends_the_procedure_where_it_left(traject) -> None:
    from overeenkomsten.services import overeenkomst_annuleren

    o = traject.verstuurd()
    overeenkomst_annuleren(overeenkomst=o, door=als(traject.coach), now=NU)
    assert _stappen(_overeenkomst_volger(o)) == [
        (OvereenkomstStatus.ONTWERP, Toestand.GEDAAN),
        (OvereenkomstStatus.TER_GOEDKEURING, Toestand.GEDAAN),
        (OvereenkomstStatus.GEANNULEERD, Toestand.HUIDIG),
    ]


# The agreement types, as the PDF names them.


@pytest.mark.parametrize("soort", Overeenkomsttype.values)
def test_the_ui_names_each_agreement_type_as_the_pdf_does(traject, soort: str) -> None:
    o = traject.ontwerp()
    Overeenkomst.objects.filter(pk=o.pk).update(soort=soort)
    with translation.override("nl"):
        html = render_to_string(TEMPLATE, presenteer(o).context())
        label = str(Overeenkomsttype(soort).label)
    # The PDF's running head prints "<title> (<type>)"; the UI shows the choice's label.
    assert f"<h1>{TITELS[soort]}</h1>" in html
    assert label == f"{TITELS[soort]} ({soort.upper()})"
    assert label in html


def test_oao_and_sao_are_no_longer_mislabelled() -> None:
    with translation.override("nl"):
        assert str(Overeenkomsttype.OAO.label) == "Overeenkomst alternerende opleiding (OAO)"
        assert str(Overeenkomsttype.SAO.label) == "Stageovereenkomst alternerende opleiding (SAO)"


# An approval through a personal link.


def test_a_link_approval_is_recorded_in_the_name_of_the_links_holder(traject) -> None:
    o = traject.ondertekend()
    leerling = Goedkeuring.objects.get(overeenkomst=o, partij=Partij.LEERLING)
    ouder = Goedkeuring.objects.get(overeenkomst=o, partij=Partij.VERTEGENWOORDIGER)
    assert leerling.via_link and ouder.via_link
    assert not Goedkeuring.objects.get(overeenkomst=o, partij=Partij.WERKGEVER).via_link
    events = Event.objects.filter(object_id=o.pk, verb="overeenkomst.goedgekeurd")
    via_link = sorted(e.actor_label for e in events if e.via_persoonlijke_link)
    assert via_link == ["An Peeters", "Lotte Peeters"]


def test_the_agreement_page_says_who_approved_through_the_personal_link(traject) -> None:
    o = traject.ondertekend()
    client = Client()
    client.force_login(traject.coach)
    with translation.override("nl"):
        body = client.get(o.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    for naam in ("Lotte Peeters", "An Peeters"):
        # Once in the approvals of the version, once in the timeline.
        assert body.count(f"goedgekeurd via persoonlijke link door {naam}") == 2
    assert "systeem</strong>: overeenkomst goedgekeurd" not in body
