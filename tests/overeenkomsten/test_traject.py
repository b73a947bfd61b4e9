"""The care programme's trajectory: a residential phase at one employer, a home-care phase at
another, one agreement per phase. Phase order, lengths on both sides of each boundary, the
total, the registration number, consecutive phases that do not overlap, the 20-training-day
window (R48) with and without a signed next phase, the PDF's phase line, and two employers
each seeing only their own agreement."""

import datetime as dt
from dataclasses import dataclass

import pytest

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.organisaties.models import OpleidingsRegels
from erkenning.models import Erkenning
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus
from overeenkomsten.models import Leerling, LeerlingVooropleiding, Overeenkomst, Traject
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.services import (
    Bezwaren,
    goedkeuren_via_link,
    kan_voorstellen,
    overeenkomst_beeindigen,
    overeenkomst_goedkeuren,
    overeenkomsten_afsluiten,
    voorstel_aanvaarden,
)
from overeenkomsten.traject import fase_fouten, voor_volgende_fase, werkplek_voor_fase
from tests.factories import (
    OndernemingFactory,
    ToewijzingFactory,
    UittrekselFactory,
    VestigingFactory,
)

from .conftest import NU, als, lid, token
from .conftest import Traject as Partijen

pytestmark = pytest.mark.django_db

# The care programme starts between 1 and 30 September; the tests' clock is 14 September.
START = dt.date(2026, 9, 21)
EINDE_5 = dt.date(2027, 2, 20)  # 5 months: the day before 21 February
VOLGENDE = dt.date(2027, 2, 21)
EINDE_THUIS = dt.date(2027, 5, 31)
NUMMER = "VZ-2026-0412"


@dataclass
class Zorg:
    """The fixture's parties (employer A: residential) and employer B (home care)."""

    p: Partijen
    vestiging_b: object
    toewijzing_b: object
    werkgever_b: User

    def leerling(self, *, nummer: str = NUMMER) -> Leerling:
        """An adult learner with a prerequisite on file, approved for employer A."""
        leerling = self.p.leerling(geboortedatum=dt.date(2005, 3, 15))
        regels = OpleidingsRegels.objects.get(opleiding=self.p.opleiding)
        LeerlingVooropleiding.objects.create(
            leerling=leerling,
            vooropleiding=regels.vooropleidingen.order_by("volgorde").first(),
            bewijs="Diploma 2023/117",
            geregistreerd_door=self.p.coach,
            geregistreerd_op=NU,
        )
        Leerling.objects.filter(pk=leerling.pk).update(inschrijvingsnummer_verzorgende=nummer)
        leerling.refresh_from_db()
        return leerling

    def fase1(self, leerling: Leerling, *, einde=EINDE_5, stap: str = "ontwerp") -> Overeenkomst:
        return getattr(self.p, stap)(leerling, start=START, einde=einde, fase_volgorde=1)

    def naar_b(self, leerling: Leerling) -> None:
        """Employer B accepts the learner for the next phase, by its own act."""
        voorstel = self.p.voorstel(leerling, self.vestiging_b)
        voorstel_aanvaarden(
            voorstel=voorstel, intake_op=NU.date(), door=als(self.werkgever_b), now=NU
        )

    def fase2(
        self, leerling: Leerling, *, start=VOLGENDE, einde=EINDE_THUIS, stap: str = "ontwerp"
    ) -> Overeenkomst:
        return getattr(self.p, stap)(
            leerling,
            vestiging=self.vestiging_b,
            toewijzing=self.toewijzing_b,
            start=start,
            einde=einde,
            fase_volgorde=2,
        )

    def ondertekend(self, o: Overeenkomst, werkgever: User) -> Overeenkomst:
        """Every party approves the sent agreement (the employer after the medical exam)."""
        Overeenkomst.objects.filter(pk=o.pk).update(medisch_onderzoek_op=NU.date())
        for partij in (werkgever, self.p.coach):
            overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(partij), now=NU)
        for uitnodiging in o.uitnodigingen.all():
            goedkeuren_via_link(token=token(uitnodiging), now=NU)
        o.refresh_from_db()
        assert o.status == OvereenkomstStatus.ONDERTEKEND
        return o


@pytest.fixture
def zorg(traject: Partijen) -> Zorg:
    zorg_regels(traject.opleiding)
    onderneming = OndernemingFactory(naam="Thuiszorg Bea")
    vestiging = VestigingFactory(onderneming=onderneming, naam="Thuiszorg Bea Gent")
    toewijzing = ToewijzingFactory(
        mentor__onderneming=onderneming,
        vestiging=vestiging,
        opleiding=traject.opleiding,
        aanvaard=True,
    )
    werkgever = lid(onderneming, Rol.VERTEGENWOORDIGER, naam="Bea Werkgever")
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=werkgever)
    Erkenning.objects.create(
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=traject.opleiding,
        partnerschap=traject.opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    return Zorg(traject, vestiging, toewijzing, werkgever)


def fouten(leerling: Leerling, fase: int, start: dt.date, einde: dt.date) -> list[str]:
    return fase_fouten(leerling=leerling, fase_volgorde=fase, start=start, einde=einde, op=NU)


def bevat(lijst: list[str], stuk: str) -> bool:
    return any(stuk in f for f in lijst)


# --- The trajectory and the phase order ------------------------------------------------------


def test_the_first_phase_creates_the_trajectory_and_the_next_joins_it(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    eerste = zorg.fase1(leerling, stap="verstuurd")
    assert eerste.traject is not None and eerste.fase_volgorde == 1
    assert voor_volgende_fase(leerling)
    zorg.naar_b(leerling)
    leerling.refresh_from_db()
    # The first phase keeps running at A: the learner's workplace does not change.
    assert leerling.werkplek_id == zorg.p.vestiging.pk
    assert leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
    assert werkplek_voor_fase(leerling, 2) == zorg.vestiging_b
    tweede = zorg.fase2(leerling)
    assert tweede.traject_id == eerste.traject_id and tweede.fase_volgorde == 2
    assert tweede.onderneming_id == zorg.vestiging_b.onderneming_id
    assert Traject.objects.filter(leerling=leerling).count() == 1


def test_the_training_starts_in_the_residential_setting(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    lijst = fouten(leerling, 2, VOLGENDE, EINDE_THUIS)
    assert bevat(lijst, "always starts in the residentiële setting (phase 1)")
    with pytest.raises(Bezwaren, match="always starts in the residentiële setting"):
        zorg.p.ontwerp(leerling, start=START, einde=EINDE_5, fase_volgorde=2)


def test_a_phase_is_covered_once(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    zorg.fase1(leerling)
    assert bevat(fouten(leerling, 1, START, EINDE_5), "Phase 1 (residentiële setting) already")


def test_a_later_phase_at_another_employer_needs_that_employers_acceptance(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    zorg.fase1(leerling, stap="verstuurd")
    with pytest.raises(Bezwaren, match="Approve the learner for this workplace"):
        zorg.fase2(leerling)


def test_a_learner_without_a_running_phase_is_not_proposed_for_the_next(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    # Matched at A, nothing sent yet: no later phase to propose for.
    assert not voor_volgende_fase(leerling)
    assert not kan_voorstellen(leerling, door=als(zorg.p.coach), now=NU).allowed


# --- The next phase starts the day after -------------------------------------------------------


def test_the_next_phase_starts_the_day_after_the_previous_ends(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    zorg.fase1(leerling)
    assert not bevat(fouten(leerling, 2, VOLGENDE, EINDE_THUIS), "starts the day after")
    te_laat = fouten(leerling, 2, VOLGENDE + dt.timedelta(days=2), EINDE_THUIS)
    assert bevat(te_laat, "Phase 2 (thuiszorg) starts the day after phase 1 ends: on 21/02/2027")


# --- Lengths on both sides of each boundary ---------------------------------------------------


@pytest.mark.parametrize(
    ("einde", "fout"),
    [
        (dt.date(2027, 1, 20), "at least 5 months"),  # 4 months
        (dt.date(2027, 2, 19), "at least 5 months"),  # a day short of 5
        (EINDE_5, None),  # 5 months
        (dt.date(2027, 4, 20), None),  # 7 months
        (dt.date(2027, 4, 21), "at most 7 months"),  # 7 months and a day
    ],
)
def test_the_residential_phase_lasts_5_to_7_months(zorg: Zorg, einde, fout) -> None:
    lijst = fouten(zorg.leerling(), 1, START, einde)
    assert bevat(lijst, "months: from") == (fout is not None)
    if fout:
        assert bevat(lijst, f"Phase 1 (residentiële setting) lasts {fout}")


@pytest.mark.parametrize(
    ("einde", "fout"),
    [
        (dt.date(2027, 5, 19), "at least 3 months"),
        (dt.date(2027, 5, 20), None),  # 3 months
        (dt.date(2027, 7, 20), None),  # 5 months
        (dt.date(2027, 7, 21), "at most 5 months"),
    ],
)
def test_the_home_care_phase_lasts_3_to_5_months(zorg: Zorg, einde, fout) -> None:
    leerling = zorg.leerling()
    lijst = fouten(leerling, 2, VOLGENDE, einde)
    assert bevat(lijst, "Phase 2 (thuiszorg) lasts") == (fout is not None)
    if fout:
        assert bevat(lijst, fout)


def test_all_phases_together_last_at_most_10_months(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    # 7 months residential, then home care up to 10 months from the first start.
    zorg.fase1(leerling, einde=dt.date(2027, 4, 20))
    start = dt.date(2027, 4, 21)
    assert not bevat(fouten(leerling, 2, start, dt.date(2027, 7, 20)), "All phases")
    lijst = fouten(leerling, 2, start, dt.date(2027, 7, 21))
    assert bevat(lijst, "All phases together last at most 10 months: from 21/09/2026 to 20/07/2027")


# --- The registration number ------------------------------------------------------------------


def test_the_home_care_phase_requires_the_registration_number(zorg: Zorg) -> None:
    zonder = zorg.leerling(nummer="")
    zorg.fase1(zonder)
    assert bevat(
        fouten(zonder, 2, VOLGENDE, EINDE_THUIS),
        "The thuiszorg phase requires the learner's registration number",
    )
    assert not bevat(fouten(zonder, 1, START, EINDE_5), "registration number")


def test_with_the_registration_number_the_home_care_phase_passes(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    zorg.fase1(leerling, stap="verstuurd")
    zorg.naar_b(leerling)
    assert zorg.fase2(leerling).fase_volgorde == 2


# --- Overlap: consecutive phases do not overlap ----------------------------------------------


def test_the_overlap_check_allows_consecutive_phases_only(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    zorg.fase1(leerling, stap="verstuurd")
    zorg.naar_b(leerling)
    with pytest.raises(Bezwaren, match="already has an agreement from 21/09/2026 to 20/02/2027"):
        zorg.fase2(leerling, start=EINDE_5)
    assert zorg.fase2(leerling, start=VOLGENDE).start == VOLGENDE


# --- R48: the 20-training-day window ----------------------------------------------------------


def _beide_fases(zorg: Zorg, *, tweede_ondertekend: bool) -> tuple[Leerling, Overeenkomst]:
    leerling = zorg.leerling()
    eerste = zorg.ondertekend(zorg.fase1(leerling, stap="verstuurd"), zorg.p.werkgever)
    zorg.naar_b(leerling)
    tweede = zorg.fase2(leerling, stap="verstuurd")
    if tweede_ondertekend:
        zorg.ondertekend(tweede, zorg.werkgever_b)
    leerling.refresh_from_db()
    assert leerling.overeenkomst_uiterlijk is None
    return leerling, eerste


@pytest.mark.parametrize("tweede_ondertekend", [True, False])
def test_ending_a_phase_early_opens_a_window_only_without_a_signed_next(
    zorg: Zorg, tweede_ondertekend: bool
) -> None:
    leerling, eerste = _beide_fases(zorg, tweede_ondertekend=tweede_ondertekend)
    overeenkomst_beeindigen(
        overeenkomst=eerste,
        reden="werkgever",
        laatste_dag=dt.date(2027, 1, 29),
        toelichting="",
        door=als(zorg.p.werkgever),
        now=NU,
    )
    leerling.refresh_from_db()
    assert (leerling.overeenkomst_uiterlijk is None) == tweede_ondertekend
    assert (leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD) == tweede_ondertekend


@pytest.mark.parametrize("tweede_ondertekend", [True, False])
def test_the_normal_end_of_a_phase_opens_a_window_only_without_a_signed_next(
    zorg: Zorg, tweede_ondertekend: bool
) -> None:
    leerling, eerste = _beide_fases(zorg, tweede_ondertekend=tweede_ondertekend)
    na_einde = dt.datetime(2027, 2, 21, 6, tzinfo=dt.UTC)
    assert overeenkomsten_afsluiten(now=na_einde) >= 1
    assert overeenkomsten_afsluiten(now=na_einde) == 0  # idempotent: claimed by status
    eerste.refresh_from_db()
    leerling.refresh_from_db()
    assert eerste.status == OvereenkomstStatus.AFGELOPEN
    if tweede_ondertekend:
        assert leerling.overeenkomst_uiterlijk is None
    else:
        assert leerling.overeenkomst_uiterlijk is not None
        assert leerling.overeenkomst_uiterlijk > VOLGENDE


def test_a_programme_without_phases_ends_as_before(traject: Partijen) -> None:
    o = traject.ondertekend(
        start=dt.date(2026, 10, 1), einde=dt.date(2027, 6, 30), fase_volgorde=None
    )
    assert o.traject_id is None
    overeenkomsten_afsluiten(now=dt.datetime(2027, 7, 2, 6, tzinfo=dt.UTC))
    o.leerling.refresh_from_db()
    assert o.leerling.overeenkomst_uiterlijk is None


# --- The PDF and the agreement page -----------------------------------------------------------


def test_the_pdf_states_the_phase_and_its_period(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    eerste = zorg.fase1(leerling, stap="verstuurd")
    regel = "Fase 1 van 2: residentiële setting, van 21/09/2026 tot 20/02/2027"
    presentatie = presenteer(eerste, now=NU)
    assert presentatie.fase == regel
    assert regel in render_to_string(TEMPLATE, presentatie.context(document=True))


def test_two_employers_each_see_only_their_own_agreement(zorg: Zorg) -> None:
    leerling = zorg.leerling()
    eerste = zorg.fase1(leerling, stap="verstuurd")
    zorg.naar_b(leerling)
    tweede = zorg.fase2(leerling, stap="verstuurd")
    a, b = Client(), Client()
    a.force_login(zorg.p.werkgever)
    b.force_login(zorg.werkgever_b)
    detail = "overeenkomsten:overeenkomst_detail"

    def pagina(client: Client, o: Overeenkomst):
        return client.get(reverse(detail, kwargs={"public_id": o.public_id}))

    assert pagina(a, eerste).status_code == 200
    assert pagina(b, tweede).status_code == 200
    assert pagina(a, tweede).status_code == 404
    assert pagina(b, eerste).status_code == 404
    # Each sees the trajectory: its own phase in full, the other employer's only as covered.
    inhoud_b = pagina(b, tweede).content.decode()
    assert 'data-testid="traject"' in inhoud_b and 'data-fase="1"' in inhoud_b
    assert zorg.p.onderneming.naam not in inhoud_b
    inhoud_a = pagina(a, eerste).content.decode()
    assert "Thuiszorg Bea" not in inhoud_a
    # The school sees both phases with their employers and status.
    school = Client()
    school.force_login(zorg.p.coach)
    inhoud = pagina(school, eerste).content.decode()
    assert zorg.p.onderneming.naam in inhoud and "Thuiszorg Bea" in inhoud
