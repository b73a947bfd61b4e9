"""The agreement's guards read the programme's rules (the care programme of the brochure):
start window and late start, latest end, maximum duration, hours, age, prerequisites, the
employer's formalities, and the version in force when the agreement was sent."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.organisaties.models import OpleidingsRegels, Vooropleiding
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.views import vandaag_nu
from duaal.workflow import Refused
from overeenkomsten.constants import AuditVerb, OvereenkomstStatus
from overeenkomsten.controles import controleren_overeenkomst, voorcontrole
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, LeerlingVooropleiding, Overeenkomst
from overeenkomsten.regelcontrole import (
    dimona_ontbreekt,
    getypte_regelfouten,
    laatste_einddag,
    regelfouten,
)
from overeenkomsten.services import (
    Bezwaren,
    Inhoud,
    kan_goedkeuren,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
    overeenkomst_wijzigen,
)
from overeenkomsten.services.formaliteiten import formaliteiten_vastleggen
from overeenkomsten.services.vooropleiding import (
    kan_vooropleiding_vastleggen,
    vooropleiding_vastleggen,
    vooropleiding_verwijderen,
)

from .conftest import NU, VANDAAG, Traject, als, moment, verbs

VOLWASSEN = dt.date(2008, 3, 15)  # 18 on the start dates below
START, EINDE = dt.date(2026, 9, 30), dt.date(2027, 6, 30)


@pytest.fixture
def zorg(traject: Traject) -> Traject:
    """The fixture's programme with the brochure's rules (one undated version)."""
    zorg_regels(traject.opleiding)
    return traject


def regels(traject: Traject, **wijziging):
    return replace(opleidingsregels_voor(traject.opleiding, op=NU), **wijziging)


def zorgleerling(traject: Traject, volgnummer: int = 41, **kwargs) -> Leerling:
    """An adult learner matched to the workplace, with the secondary-school diploma recorded."""
    leerling = traject.leerling(geboortedatum=VOLWASSEN, volgnummer=volgnummer, **kwargs)
    vooropleiding_vastleggen(
        leerling=leerling,
        vooropleiding=Vooropleiding.objects.filter(regels__opleiding=traject.opleiding).first(),
        bewijs="Diploma nr. 12345 van 30/06/2026",
        behaald_op=dt.date(2026, 6, 30),
        door=als(traject.coach),
        now=NU,
    )
    return leerling


def fouten(traject: Traject, leerling: Leerling, *, start=START, einde=EINDE, uren=24, **r):
    return regelfouten(
        regels(traject, **r),
        leerling=leerling,
        start=start,
        einde=einde,
        werkplekuren=Decimal(uren),
        zelf_pk=None,
    )


# -- start window ---------------------------------------------------------------------------


def test_a_start_on_30_september_passes_and_1_october_is_refused(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    assert fouten(zorg, leerling, start=dt.date(2026, 9, 30)) == []
    assert fouten(zorg, leerling, start=dt.date(2026, 9, 1)) == []
    [fout] = fouten(zorg, leerling, start=dt.date(2026, 10, 1))
    assert "1 September and 30 September; 01/10/2026 falls outside" in fout
    assert "already has another learner" in fout


def test_a_start_before_the_window_is_refused_whatever_the_late_start(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    # The school year of 31 August 2026 is 2025-2026: that start is late, and ends too late.
    assert len(fouten(zorg, leerling, start=dt.date(2026, 8, 31))) == 3
    # A window from 15 September: the 10th is early, and an earlier learner would not help.
    [fout] = fouten(zorg, leerling, start=dt.date(2026, 9, 10), start_van=(9, 15))
    assert "15 September and 30 September; 10/09/2026 falls outside" in fout
    assert "already has another learner" not in fout


def test_a_late_start_needs_another_learner_of_the_school_started_in_the_window(
    zorg: Traject,
) -> None:
    laat = zorgleerling(zorg, volgnummer=43)
    oktober = dt.date(2026, 10, 3)
    [fout] = fouten(zorg, laat, start=oktober)
    assert "03/10/2026 falls outside" in fout
    # A draft of another learner proves nothing; once it is sent, the school runs the
    # programme this school year.
    eerste = zorg.ontwerp(zorgleerling(zorg, volgnummer=45), start=START, einde=EINDE)
    assert fouten(zorg, laat, start=oktober) != []
    overeenkomst_versturen(overeenkomst=eerste, door=als(zorg.coach), now=NU)
    assert fouten(zorg, laat, start=oktober) == []
    # Without the late-start condition in the rules it stays refused.
    assert fouten(zorg, laat, start=oktober, late_start_mits_leerling=False) != []


def test_a_late_start_of_the_earlier_learner_itself_does_not_count(zorg: Traject) -> None:
    laat = zorgleerling(zorg, volgnummer=43)
    eerste = zorg.verstuurd(zorgleerling(zorg, volgnummer=45), start=START, einde=EINDE)
    Overeenkomst.objects.filter(pk=eerste.pk).update(start=dt.date(2026, 10, 2))
    assert fouten(zorg, laat, start=dt.date(2026, 10, 3)) != []


# -- end and duration -----------------------------------------------------------------------


def test_the_latest_end_is_30_june_of_the_start_school_year(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    assert fouten(zorg, leerling, einde=dt.date(2027, 6, 30), max_duur_maanden=None) == []
    [fout] = fouten(zorg, leerling, einde=dt.date(2027, 7, 1), max_duur_maanden=None)
    assert "ends by 30/06/2027" in fout and "01/07/2027" in fout


def test_ten_months_pass_and_ten_months_and_a_day_are_refused(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    zonder_einde = {"einde_uiterlijk": None}
    start = dt.date(2026, 9, 1)
    assert fouten(zorg, leerling, start=start, einde=dt.date(2027, 6, 30), **zonder_einde) == []
    [fout] = fouten(zorg, leerling, start=start, einde=dt.date(2027, 7, 1), **zonder_einde)
    assert "at most 10 months" in fout and "ends by 30/06/2027" in fout
    # From the 15th: the last day is the 14th, ten months on.
    start = dt.date(2026, 9, 15)
    assert fouten(zorg, leerling, start=start, einde=dt.date(2027, 7, 14), **zonder_einde) == []
    assert fouten(zorg, leerling, start=start, einde=dt.date(2027, 7, 15), **zonder_einde)
    assert laatste_einddag(regels(zorg), dt.date(2026, 9, 15)) == dt.date(2027, 6, 30)


# -- hours and age --------------------------------------------------------------------------


def test_the_agreement_averages_at_least_the_programme_hours(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    assert fouten(zorg, leerling, uren=20) == []
    [fout] = fouten(zorg, leerling, uren="19.5")
    assert "at least 20,0 workplace hours" in fout and "19,5" in fout


def test_18_by_31_august_of_the_school_year(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    start = dt.date(2026, 9, 1)
    leerling.geboortedatum = dt.date(2009, 8, 31)  # 18 on 31/08/2027
    assert fouten(zorg, leerling, start=start) == []
    leerling.geboortedatum = dt.date(2009, 9, 1)  # 18 on 01/09/2027: too late
    [fout] = fouten(zorg, leerling, start=start)
    assert "to be 18 by 31/08/2027" in fout and "01/09/2009" in fout


def test_the_maximum_age_on_the_start_date(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    start = dt.date(2026, 9, 1)
    leerling.geboortedatum = dt.date(2000, 9, 2)  # 25 on the start date
    assert fouten(zorg, leerling, start=start) == []
    leerling.geboortedatum = dt.date(2000, 9, 1)  # 26 on the start date
    [fout] = fouten(zorg, leerling, start=start)
    assert "is 26" in fout and "up to 25" in fout


def test_a_programme_without_version_keeps_its_own_age_limits(traject: Traject) -> None:
    leerling = traject.leerling()
    r = opleidingsregels_voor(traject.opleiding, op=NU)
    assert r.versie_id is None
    ok = dict(leerling=leerling, einde=dt.date(2027, 6, 30), werkplekuren=Decimal(5), zelf_pk=None)
    # No window, no end, no hours of its own (the type's check stays in controles.py).
    assert regelfouten(r, start=dt.date(2026, 12, 1), **ok) == []
    leerling.geboortedatum = dt.date(2012, 1, 1)
    [fout] = regelfouten(r, start=dt.date(2026, 12, 1), **ok)
    assert "is for ages 15 to 25" in fout


# -- prerequisites --------------------------------------------------------------------------


def test_a_prerequisite_must_be_recorded(zorg: Traject) -> None:
    leerling = zorg.leerling(geboortedatum=VOLWASSEN)
    [fout] = fouten(zorg, leerling)
    assert "Diploma secundair onderwijs" in fout and "None is recorded" in fout
    record = vooropleiding_vastleggen(
        leerling=leerling,
        vooropleiding=Vooropleiding.objects.get(naam="Diploma secundair onderwijs"),
        bewijs="Nr. 77",
        behaald_op=None,
        door=als(zorg.coach),
        now=NU,
    )
    assert fouten(zorg, leerling) == []
    assert AuditVerb.LEERLING_VOOROPLEIDING in verbs(leerling)
    vooropleiding_verwijderen(record=record, door=als(zorg.coach), now=NU)
    assert fouten(zorg, leerling) != []
    assert AuditVerb.LEERLING_VOOROPLEIDING_WEG in verbs(leerling)


def test_only_the_coach_records_a_prerequisite_and_only_of_the_programme(
    zorg: Traject,
) -> None:
    leerling = zorg.leerling(geboortedatum=VOLWASSEN)
    assert not kan_vooropleiding_vastleggen(leerling, door=als(zorg.werkgever), now=NU).allowed
    with pytest.raises(Refused):
        vooropleiding_vastleggen(
            leerling=leerling,
            vooropleiding=Vooropleiding.objects.first(),
            bewijs="x",
            behaald_op=None,
            door=als(zorg.werkgever),
            now=NU,
        )
    with pytest.raises(OvereenkomstFout, match="Record the evidence"):
        vooropleiding_vastleggen(
            leerling=leerling,
            vooropleiding=Vooropleiding.objects.first(),
            bewijs="  ",
            behaald_op=None,
            door=als(zorg.coach),
            now=NU,
        )
    assert not LeerlingVooropleiding.objects.exists()


def test_a_programme_without_prerequisites_offers_no_record(traject: Traject) -> None:
    leerling = traject.leerling()
    assert not kan_vooropleiding_vastleggen(leerling, door=als(traject.coach), now=NU).allowed


# -- the guards in the services: all at once, nothing saved half ----------------------------


def test_drafting_lists_every_broken_rule_and_saves_nothing(zorg: Traject) -> None:
    leerling = zorg.leerling(geboortedatum=dt.date(2009, 9, 1))
    with pytest.raises(Bezwaren) as fout:
        zorg.ontwerp(
            leerling,
            start=dt.date(2026, 10, 1),
            einde=dt.date(2027, 8, 1),
            werkplekuren_per_week=Decimal(24),
        )
    tekst = " ".join(fout.value.fouten)
    for deel in ("01/10/2026 falls outside", "ends by 30/06/2027", "at most 10 months"):
        assert deel in tekst
    assert "to be 18 by 31/08/2027" in tekst and "None is recorded" in tekst
    assert not Overeenkomst.objects.exists()


def test_changing_a_draft_outside_the_window_changes_nothing(zorg: Traject) -> None:
    o = zorg.ontwerp(zorgleerling(zorg), start=START, einde=EINDE)
    with pytest.raises(Bezwaren):
        overeenkomst_wijzigen(
            overeenkomst=o,
            inhoud=Inhoud(
                toewijzing=zorg.toewijzing,
                start=dt.date(2026, 10, 5),
                einde=EINDE,
                werkplekuren_per_week=Decimal(24),
                opleidingsplan="Ander plan",
                blokken=[],
            ),
            door=als(zorg.coach),
            now=NU,
        )
    o.refresh_from_db()
    assert o.start == START and o.opleidingsplan != "Ander plan"
    assert o.uurrooster.count() == 5


def test_the_form_precheck_shows_the_typed_rules(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    meldingen = voorcontrole(
        leerling=leerling,
        start=dt.date(2026, 9, 20),
        einde=dt.date(2027, 7, 2),
        werkplekuren=Decimal(19),
        blokken=None,
        op=VANDAAG,
    )
    assert any("ends by 30/06/2027" in m for m in meldingen)
    assert any("at least 20,0 workplace hours" in m for m in meldingen)
    # A late start waits for the full check (it asks whether the school has a learner).
    assert not getypte_regelfouten(
        regels(zorg),
        leerling=leerling,
        start=dt.date(2026, 10, 2),
        einde=EINDE,
        werkplekuren=Decimal(24),
    )


# -- the employer's formalities -------------------------------------------------------------


def test_the_employer_approves_only_with_the_medical_examination_recorded(zorg: Traject) -> None:
    o = zorg.verstuurd(zorgleerling(zorg), start=START, einde=EINDE)
    weigering = kan_goedkeuren(o, door=als(zorg.werkgever), now=NU)
    assert "requires a medical examination" in weigering.message
    # The school's approval does not wait for the employer's formalities.
    assert kan_goedkeuren(o, door=als(zorg.coach), now=NU).allowed
    with pytest.raises(Refused):
        overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(zorg.werkgever), now=NU)
    # After the start: refused when recorded, and at the approval if the start moved.
    with pytest.raises(Bezwaren, match="comes after the start on 30/09/2026"):
        formaliteiten_vastleggen(
            overeenkomst=o,
            medisch_onderzoek_op=dt.date(2026, 10, 1),
            dimona_op=None,
            door=als(zorg.werkgever),
            now=moment(dt.date(2026, 10, 2)),
        )
    Overeenkomst.objects.filter(pk=o.pk).update(medisch_onderzoek_op=dt.date(2026, 10, 1))
    o.refresh_from_db()
    assert "comes after the start" in kan_goedkeuren(o, door=als(zorg.werkgever), now=NU).message
    formaliteiten_vastleggen(
        overeenkomst=o,
        medisch_onderzoek_op=dt.date(2026, 9, 10),
        dimona_op=dt.date(2026, 9, 14),
        door=als(zorg.werkgever),
        now=NU,
    )
    o.refresh_from_db()
    assert AuditVerb.FORMALITEITEN_VASTGELEGD in verbs(o)
    assert kan_goedkeuren(o, door=als(zorg.werkgever), now=NU).allowed
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(zorg.werkgever), now=NU)


def test_only_the_employer_records_its_formalities_and_never_in_the_future(
    zorg: Traject,
) -> None:
    o = zorg.verstuurd(zorgleerling(zorg), start=START, einde=EINDE)
    with pytest.raises(Refused):
        formaliteiten_vastleggen(
            overeenkomst=o,
            medisch_onderzoek_op=VANDAAG,
            dimona_op=None,
            door=als(zorg.coach),
            now=NU,
        )
    with pytest.raises(Bezwaren) as fout:
        formaliteiten_vastleggen(
            overeenkomst=o,
            medisch_onderzoek_op=dt.date(2026, 9, 20),
            dimona_op=dt.date(2026, 10, 2),
            door=als(zorg.werkgever),
            now=NU,
        )
    assert len(fout.value.fouten) == 2
    o.refresh_from_db()
    assert o.medisch_onderzoek_op is None and o.dimona_op is None


def test_a_signed_agreement_started_without_dimona_is_flagged(zorg: Traject) -> None:
    leerling = zorgleerling(zorg)
    o = zorg.verstuurd(leerling, start=START, einde=EINDE)
    formaliteiten_vastleggen(
        overeenkomst=o,
        medisch_onderzoek_op=dt.date(2026, 9, 10),
        dimona_op=None,
        door=als(zorg.werkgever),
        now=NU,
    )
    Overeenkomst.objects.filter(pk=o.pk).update(status=OvereenkomstStatus.ONDERTEKEND)
    o = Overeenkomst.objects.select_related("regelversie").get(pk=o.pk)
    assert not dimona_ontbreekt(o, op=dt.date(2026, 9, 29))
    assert dimona_ontbreekt(o, op=START)
    o.dimona_op = dt.date(2026, 9, 14)
    assert not dimona_ontbreekt(o, op=START)


# -- the version in force when sent governs -------------------------------------------------


def test_a_new_version_after_sending_does_not_change_a_sent_agreement(traject: Traject) -> None:
    v1 = zorg_regels(traject.opleiding, geldig_vanaf=NU - dt.timedelta(days=30))
    o = traject.verstuurd(zorgleerling(traject), start=START, einde=EINDE)
    assert o.regelversie_id == v1.pk
    # A new version from tomorrow: more hours, no medical examination, no prerequisites.
    v2 = OpleidingsRegels.objects.get(pk=v1.pk)
    v2.pk = None
    v2.geldig_vanaf = NU + dt.timedelta(days=1)
    v2.gemiddelde_werkplekuren = Decimal(30)
    v2.medisch_onderzoek_verplicht = False
    v2.save()
    later = NU + dt.timedelta(days=2)
    o.refresh_from_db()
    assert controleren_overeenkomst(o, now=later).fouten == []
    assert "requires a medical examination" in (
        kan_goedkeuren(o, door=als(traject.werkgever), now=later).message
    )
    # A draft is checked against the version in force now.
    nieuw = traject.ontwerp(zorgleerling(traject, volgnummer=47), start=START, einde=EINDE)
    assert any("at least 30,0" in f for f in controleren_overeenkomst(nieuw, now=later).fouten)


# -- screens --------------------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coach_records_and_removes_a_prerequisite_on_screen(zorg: Traject) -> None:
    leerling = zorg.leerling(geboortedatum=VOLWASSEN)
    url = reverse("overeenkomsten:vooropleiding_vastleggen", args=[leerling.public_id])
    coach = _client(zorg.coach)
    pagina = coach.get(leerling.get_absolute_url()).content.decode()
    assert 'data-testid="vooropleiding-vastleggen"' in pagina
    keuze = Vooropleiding.objects.get(naam="Diploma secundair onderwijs")
    antwoord = coach.post(url, {"vooropleiding": keuze.pk, "bewijs": "", "behaald_op": "31/13"})
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Noteer het bewijs van het diploma of getuigschrift." in tekst
    antwoord = coach.post(url, {"vooropleiding": keuze.pk, "bewijs": "Nr. 9", "behaald_op": ""})
    assert antwoord.status_code == 302
    assert LeerlingVooropleiding.objects.filter(leerling=leerling, bewijs="Nr. 9").exists()
    assert "Nr. 9" in coach.get(leerling.get_absolute_url()).content.decode()
    record = LeerlingVooropleiding.objects.get(leerling=leerling)
    weg = reverse("overeenkomsten:vooropleiding_verwijderen", args=[leerling.public_id])
    assert coach.post(weg, {"record": record.pk}).status_code == 302
    assert not LeerlingVooropleiding.objects.exists()
    # The employer never sees the learner's dossier.
    assert _client(zorg.werkgever).get(url).status_code in (403, 404)


def test_another_learners_record_is_no_choice(zorg: Traject) -> None:
    eerste = zorgleerling(zorg)
    tweede = zorg.leerling(geboortedatum=VOLWASSEN, volgnummer=43)
    vreemd = LeerlingVooropleiding.objects.get(leerling=eerste)
    weg = reverse("overeenkomsten:vooropleiding_verwijderen", args=[tweede.public_id])
    antwoord = _client(zorg.coach).post(weg, {"record": vreemd.pk})
    assert antwoord.status_code == 200 or antwoord.status_code == 403
    assert LeerlingVooropleiding.objects.filter(pk=vreemd.pk).exists()


def test_the_employer_records_its_formalities_on_screen(zorg: Traject) -> None:
    o = zorg.verstuurd(zorgleerling(zorg), start=dt.date(2027, 9, 15), einde=dt.date(2028, 6, 30))
    werkgever = _client(zorg.werkgever)
    pagina = werkgever.get(o.get_absolute_url()).content.decode()
    assert 'data-testid="formaliteiten-form"' in pagina
    assert "verplicht" in pagina or "vereist" in pagina
    url = reverse("overeenkomsten:formaliteiten_vastleggen", args=[o.public_id])
    antwoord = werkgever.post(url, {"medisch_onderzoek_op": "31/02/2026", "dimona_op": ""})
    assert antwoord.status_code == 200
    assert "datum" in antwoord.content.decode().lower()
    straks = (vandaag_nu() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    antwoord = werkgever.post(url, {"medisch_onderzoek_op": straks, "dimona_op": ""})
    assert "Noteer het medisch onderzoek zodra het plaatsvond." in antwoord.content.decode()
    antwoord = werkgever.post(url, {"medisch_onderzoek_op": "10/09/2026", "dimona_op": ""})
    assert antwoord.status_code == 302
    o.refresh_from_db()
    assert o.medisch_onderzoek_op == dt.date(2026, 9, 10)
    # The school reads the date and has no form; the coach may not post it.
    school = _client(zorg.coach)
    pagina = school.get(o.get_absolute_url()).content.decode()
    assert "10/09/2026" in pagina and 'data-testid="formaliteiten-form"' not in pagina
    assert school.post(url, {"medisch_onderzoek_op": "", "dimona_op": ""}).status_code == 403


def test_the_coach_cannot_record_the_employers_paper_signature_without_the_examination(
    zorg: Traject,
) -> None:
    from overeenkomsten.constants import Partij
    from overeenkomsten.services import kan_op_papier_vastleggen

    o = zorg.verstuurd(zorgleerling(zorg), start=START, einde=EINDE)
    weigering = kan_op_papier_vastleggen(o, door=als(zorg.coach), now=NU, partij=Partij.WERKGEVER)
    assert "requires a medical examination" in weigering.message
    assert kan_op_papier_vastleggen(o, door=als(zorg.coach), now=NU, partij=Partij.SCHOOL).allowed


def test_the_employer_dashboard_and_the_agreement_page_warn_of_a_missing_dimona(
    zorg: Traject,
) -> None:
    o = zorg.verstuurd(zorgleerling(zorg), start=START, einde=EINDE)
    Overeenkomst.objects.filter(pk=o.pk).update(status=OvereenkomstStatus.ONDERTEKEND)
    werkgever = _client(zorg.werkgever)
    dashboard = werkgever.get(reverse("portaal:dashboard")).content.decode()
    assert "Gestarte overeenkomsten zonder Dimona" in dashboard
    assert o.get_absolute_url() in dashboard
    assert 'data-testid="dimona-ontbreekt"' in werkgever.get(o.get_absolute_url()).content.decode()
    Overeenkomst.objects.filter(pk=o.pk).update(dimona_op=dt.date(2026, 9, 14))
    dashboard = werkgever.get(reverse("portaal:dashboard")).content.decode()
    assert o.get_absolute_url() not in dashboard
