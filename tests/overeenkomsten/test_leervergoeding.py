"""The learning allowance (R66, R68): a percentage of the GGMMI in force on the start date,
rounded up to a multiple of EUR 0.10; an SAO carries none, a DA the sector's wage."""

import datetime as dt
from decimal import Decimal

import pytest

from duaal.organisaties.constants import Overeenkomsttype
from overeenkomsten.constants import Situatie
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.leervergoeding import bedrag_voor, leervergoeding, naar_boven_op_tien_cent
from overeenkomsten.models import Ggmmi
from overeenkomsten.services import Bezwaren

from .conftest import ROOSTER

pytestmark = pytest.mark.django_db

MEI_2024 = dt.date(2024, 5, 1)


@pytest.mark.parametrize(
    ("situatie", "bedrag"),
    [(Situatie.A, "600.50"), (Situatie.B, "662.60"), (Situatie.C, "714.40")],
)
def test_the_seeded_ggmmi_gives_the_official_amounts_of_may_2024(situatie, bedrag) -> None:
    assert leervergoeding(
        soort=Overeenkomsttype.OAO, situatie=situatie, start=dt.date(2026, 10, 1)
    ) == Decimal(bedrag)


@pytest.mark.parametrize(
    ("berekend", "afgerond"),
    [("600.41", "600.50"), ("600.401", "600.50"), ("600.50", "600.50"), ("600.49", "600.50")],
)
def test_amounts_round_up_to_a_multiple_of_ten_cents(berekend, afgerond) -> None:
    assert naar_boven_op_tien_cent(Decimal(berekend)) == Decimal(afgerond)


def test_an_amount_just_over_ten_cents_goes_up_never_down() -> None:
    # 29% of 1000.04 is 290.0116: a plain rounding gives 290.00, the rule gives 290.10.
    assert bedrag_voor(Situatie.A, Decimal("1000.04")) == Decimal("290.10")


def test_a_new_ggmmi_applies_to_agreements_starting_on_or_after_its_date() -> None:
    vanaf = dt.date(2027, 3, 1)
    Ggmmi.objects.create(geldig_vanaf=vanaf, bedrag=Decimal("2112.00"))
    oud = leervergoeding(
        soort=Overeenkomsttype.OAO, situatie=Situatie.A, start=vanaf - dt.timedelta(days=1)
    )
    nieuw = leervergoeding(soort=Overeenkomsttype.OAO, situatie=Situatie.A, start=vanaf)
    assert (oud, nieuw) == (Decimal("600.50"), Decimal("612.50"))


def test_the_drafted_agreement_fixes_the_allowance_of_its_start_date(traject) -> None:
    Ggmmi.objects.create(geldig_vanaf=dt.date(2026, 10, 1), bedrag=Decimal("2112.00"))
    vroeg = traject.ontwerp(start=dt.date(2026, 9, 30))
    assert vroeg.leervergoeding == Decimal("600.50")
    laat = traject.ontwerp(traject.leerling(volgnummer=42), start=dt.date(2026, 10, 1))
    assert laat.leervergoeding == Decimal("612.50")


def test_a_start_date_before_any_known_ggmmi_is_refused_clearly() -> None:
    with pytest.raises(OvereenkomstFout) as fout:
        leervergoeding(soort=Overeenkomsttype.OAO, situatie=Situatie.A, start=dt.date(2020, 9, 1))
    assert str(fout.value) == (
        "No GGMMI is known for 01/09/2020; the platform administrator adds it to the index table."
    )


def test_the_learners_situation_sets_the_level(traject) -> None:
    overeenkomst = traject.ontwerp(traject.leerling(situatie=Situatie.C))
    assert (overeenkomst.situatie, overeenkomst.leervergoeding) == ("C", Decimal("714.40"))


def test_an_sao_carries_no_allowance(traject) -> None:
    traject = traject.met_opleiding(overeenkomsttype=Overeenkomsttype.SAO, werkplekuren_per_week=16)
    rooster = [*ROOSTER[:2], ROOSTER[3]]  # 16 workplace hours
    overeenkomst = traject.ontwerp(werkplekuren_per_week=Decimal(16), blokken=rooster)
    assert overeenkomst.soort == Overeenkomsttype.SAO
    assert (overeenkomst.leervergoeding, overeenkomst.situatie) == (None, "")


def test_a_da_pays_the_wage_entered_and_no_allowance(traject) -> None:
    traject = traject.met_opleiding(overeenkomsttype=Overeenkomsttype.DA)
    leerling = traject.leerling()
    with pytest.raises(Bezwaren) as fout:
        traject.ontwerp(leerling)
    assert fout.value.fouten == ["A DA pays the sector's wage scale: enter the monthly wage."]
    overeenkomst = traject.ontwerp(leerling, loon_sectorschaal=Decimal("1450.00"))
    assert (overeenkomst.loon_sectorschaal, overeenkomst.leervergoeding) == (
        Decimal("1450.00"),
        None,
    )
