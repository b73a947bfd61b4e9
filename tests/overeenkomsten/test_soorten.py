"""The agreement's type (overeenkomsten/soorten.py): the programme's own, or a named alternative
a confirmed sector opens (a DA via the Sociale Maribel at 20 hours a week); and the adult types
ODO, ODOS and ODO(W) with their hours bands, allowance, ages, workplace share and own employer."""

import datetime as dt
from decimal import Decimal

import pytest

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import OpleidingsRegels, TypeAlternatief
from duaal.organisaties.opleidingsregels import Sector, SectorVerklaring
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.organisaties.sector import sector_bevestigen, sector_verklaren, sector_weigeren
from overeenkomsten.controles import Blok
from overeenkomsten.forms import OvereenkomstForm
from overeenkomsten.leervergoeding import leervergoeding
from overeenkomsten.presenter import TEMPLATE, TITELS, presenteer
from overeenkomsten.services import Bezwaren
from overeenkomsten.soorten import VOLWASSENENSOORTEN, soort_fouten, soort_keuzes
from tests.support import als, lid

from .conftest import NU, START, Rol

pytestmark = pytest.mark.django_db

MARIBEL = "Deeltijdse arbeidsovereenkomst met financiering via de Sociale Maribel"
# 20 workplace hours and 14 lesson hours a week.
ROOSTER_20 = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(3, "werkplek", dt.time(8), dt.time(12)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
    Blok(5, "school", dt.time(8, 30), dt.time(15, 30)),
]
# 16 workplace hours a week.
ROOSTER_16 = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
]
VOLWASSENE = dt.date(1990, 5, 4)


def _met_maribel(traject) -> None:
    """The programme's rules name the DA for private hospitals and disability care; nothing
    else (start window, phases) that would block the drafts here."""
    regels = OpleidingsRegels.objects.create(
        opleiding=traject.opleiding, gemiddelde_werkplekuren=Decimal(20)
    )
    TypeAlternatief.objects.create(
        regels=regels,
        soort=Overeenkomsttype.DA,
        sectoren=[Sector.PRIVE_ZIEKENHUIS, Sector.GEHANDICAPTENZORG],
        uren_per_week=Decimal(20),
        naam=MARIBEL,
    )


def _partnerschap_lid(traject):
    return lid(traject.opleiding.partnerschap, Rol.SECTORCONSULENT, naam="Sara Consulent")


def _verklaard(traject, sector=Sector.GEHANDICAPTENZORG) -> SectorVerklaring:
    return sector_verklaren(
        onderneming=traject.onderneming,
        partnerschap=traject.opleiding.partnerschap,
        sector=sector,
        door=als(traject.werkgever),
        now=NU,
    )


def _bevestigd(traject, sector=Sector.GEHANDICAPTENZORG) -> SectorVerklaring:
    return sector_bevestigen(
        verklaring=_verklaard(traject, sector), door=als(_partnerschap_lid(traject)), now=NU
    )


def _soorten(traject) -> list[str]:
    return [
        k.soort
        for k in soort_keuzes(opleiding=traject.opleiding, onderneming=traject.onderneming, op=NU)
    ]


# The alternative opens only after the partnership confirmed the sector.


def test_the_care_programme_offers_the_da_only_after_confirmation(traject) -> None:
    zorg_regels(traject.opleiding)
    assert _soorten(traject) == [Overeenkomsttype.OAO]
    verklaring = _verklaard(traject)
    assert _soorten(traject) == [Overeenkomsttype.OAO]  # declared is not confirmed
    sector_bevestigen(verklaring=verklaring, door=als(_partnerschap_lid(traject)), now=NU)
    assert _soorten(traject) == [Overeenkomsttype.OAO, Overeenkomsttype.DA]
    keuze = soort_keuzes(opleiding=traject.opleiding, onderneming=traject.onderneming, op=NU)[1]
    assert keuze.uren_per_week == 20 and keuze.naam == MARIBEL


def test_a_refused_or_unnamed_sector_opens_nothing(traject) -> None:
    zorg_regels(traject.opleiding)
    sector_weigeren(
        verklaring=_verklaard(traject),
        reden="Geen Sociale Maribel.",
        door=als(_partnerschap_lid(traject)),
        now=NU,
    )
    assert _soorten(traject) == [Overeenkomsttype.OAO]
    _bevestigd(traject, Sector.GEZINSZORG)  # confirmed, but the rules do not name it
    assert _soorten(traject) == [Overeenkomsttype.OAO]


def test_the_coach_form_offers_the_choice_only_after_confirmation(traject) -> None:
    _met_maribel(traject)
    leerling = traject.leerling()
    client = Client()
    client.force_login(traject.coach)
    url = reverse("overeenkomsten:overeenkomst_opstellen", kwargs={"public_id": leerling.public_id})
    body = client.get(url).content.decode()
    assert 'name="soort"' not in body and 'name="loon_sectorschaal"' not in body
    _bevestigd(traject)
    body = client.get(url).content.decode()
    assert 'name="soort"' in body and 'value="da"' in body and 'name="loon_sectorschaal"' in body


def test_the_form_requires_the_wage_only_for_the_da(traject) -> None:
    _met_maribel(traject)
    _bevestigd(traject)
    keuzes = soort_keuzes(opleiding=traject.opleiding, onderneming=traject.onderneming, op=NU)
    gegevens = {
        "toewijzing": traject.toewijzing.public_id,
        "start": "01/10/2026",
        "einde": "30/06/2028",
        "werkplekuren_per_week": "20",
        "opleidingsplan": "Plan",
    }
    kwargs = {"toewijzingen": [traject.toewijzing], "soort": "oao", "keuzes": keuzes}
    assert OvereenkomstForm({**gegevens, "soort": "oao"}, **kwargs).is_valid()
    form = OvereenkomstForm({**gegevens, "soort": "da"}, **kwargs)
    assert not form.is_valid() and "loon_sectorschaal" in form.errors


# The DA via the Sociale Maribel, drafted and checked.


def test_a_confirmed_employer_gets_the_da_at_20_hours(traject) -> None:
    _met_maribel(traject)
    _bevestigd(traject)
    o = traject.ontwerp(
        soort=Overeenkomsttype.DA,
        werkplekuren_per_week=Decimal(20),
        blokken=ROOSTER_20,
        loon_sectorschaal=Decimal("1450.00"),
    )
    assert o.soort == Overeenkomsttype.DA
    # A DA pays the sector's wage scale, no learning allowance (R68).
    assert o.leervergoeding is None and o.situatie == "" and o.loon_sectorschaal == 1450
    p = presenteer(o)
    assert p.titel == TITELS[Overeenkomsttype.DA] and p.officieel


def test_the_da_alternative_is_20_hours_a_week(traject) -> None:
    _met_maribel(traject)
    _bevestigd(traject)
    with pytest.raises(Bezwaren) as fout:
        traject.ontwerp(soort=Overeenkomsttype.DA, loon_sectorschaal=Decimal(1450))
    assert any(MARIBEL in f and "20" in f and "24" in f for f in fout.value.fouten)


def test_without_a_confirmed_sector_the_da_is_refused_naming_the_fixed_type(traject) -> None:
    _met_maribel(traject)
    _verklaard(traject)  # declared, not confirmed
    with pytest.raises(Bezwaren) as fout:
        traject.ontwerp(
            soort=Overeenkomsttype.DA,
            werkplekuren_per_week=Decimal(20),
            blokken=ROOSTER_20,
            loon_sectorschaal=Decimal(1450),
        )
    assert any("contract type is fixed" in f for f in fout.value.fouten)


def test_the_programmes_own_type_stays_as_today(traject) -> None:
    _met_maribel(traject)
    _bevestigd(traject)
    o = traject.ontwerp()
    assert o.soort == Overeenkomsttype.OAO and o.leervergoeding is not None


# Adult education (R58).


def _volwassen(traject, soort: str, uren: int = 16, **kwargs):
    t = traject.met_opleiding(
        overeenkomsttype=soort,
        werkplekuren_per_week=uren,
        minimumleeftijd=18,
        maximumleeftijd=65,
        **kwargs,
    )
    return t, t.leerling(geboortedatum=VOLWASSENE)


def _fouten(t, leerling, soort: str, uren: str, **kwargs) -> list[str]:
    return soort_fouten(
        opleiding=t.opleiding,
        vestiging=t.vestiging,
        soort=soort,
        werkplekuren=Decimal(uren),
        leeftijd=kwargs.pop("leeftijd", 36),
        start=START,
        in_dienst_sinds=kwargs.pop("in_dienst_sinds", None),
        regels=opleidingsregels_voor(t.opleiding, op=NU),
    )


@pytest.mark.parametrize(
    ("soort", "uren", "mag"),
    [
        (Overeenkomsttype.ODO, "19.5", True),
        (Overeenkomsttype.ODO, "20", False),
        (Overeenkomsttype.ODOS, "20", True),
        (Overeenkomsttype.ODOS, "19.5", False),
    ],
)
def test_odo_and_odos_hours_on_both_sides_of_20(traject, soort, uren, mag) -> None:
    t, leerling = _volwassen(traject, soort)
    fouten = _fouten(t, leerling, soort, uren)
    assert (fouten == []) is mag, fouten


def test_an_odo_pays_its_workplace_hours_at_the_hourly_minimum(traject) -> None:
    # 16 hours x EUR 4.27 x 52/12 weeks = EUR 296.05..., rounded up to EUR 0.10.
    bedrag = leervergoeding(
        soort=Overeenkomsttype.ODO, situatie="", start=START, werkplekuren=Decimal(16)
    )
    assert bedrag == Decimal("296.10")
    t, leerling = _volwassen(traject, Overeenkomsttype.ODO)
    o = t.ontwerp(leerling, werkplekuren_per_week=Decimal(16), blokken=ROOSTER_16)
    assert o.soort == Overeenkomsttype.ODO and o.leervergoeding == Decimal("296.10")
    html = render_to_string(TEMPLATE, presenteer(o).context())
    assert "€ 4,27 per uur" in html and "€ 296,10" in html


def test_an_odos_pays_the_monthly_allowance_and_an_odow_none(traject) -> None:
    assert leervergoeding(soort=Overeenkomsttype.ODOS, situatie="B", start=START) is not None
    assert (
        leervergoeding(
            soort=Overeenkomsttype.ODOW, situatie="B", start=START, werkplekuren=Decimal(16)
        )
        is None
    )


def test_an_odow_needs_the_learners_own_employer_before_the_start(traject) -> None:
    t, leerling = _volwassen(traject, Overeenkomsttype.ODOW)
    assert any("own employer" in f for f in _fouten(t, leerling, "odow", "16"))
    later = START + dt.timedelta(days=1)
    assert any(
        "before the start date" in f
        for f in _fouten(t, leerling, "odow", "16", in_dienst_sinds=later)
    )
    assert _fouten(t, leerling, "odow", "16", in_dienst_sinds=dt.date(2020, 1, 6)) == []
    o = t.ontwerp(
        leerling,
        werkplekuren_per_week=Decimal(16),
        blokken=ROOSTER_16,
        in_dienst_sinds=dt.date(2020, 1, 6),
    )
    assert o.in_dienst_sinds == dt.date(2020, 1, 6) and o.leervergoeding is None
    html = render_to_string(TEMPLATE, presenteer(o).context())
    assert "06/01/2020" in html and "geen\nleervergoeding" in html


def test_an_odow_draft_without_the_employment_date_is_refused(traject) -> None:
    t, leerling = _volwassen(traject, Overeenkomsttype.ODOW)
    with pytest.raises(Bezwaren) as fout:
        t.ontwerp(leerling, werkplekuren_per_week=Decimal(16), blokken=ROOSTER_16)
    assert any("own employer" in f for f in fout.value.fouten)


def test_adult_types_need_half_the_training_time_at_the_workplace(traject) -> None:
    t, leerling = _volwassen(traject, Overeenkomsttype.ODO)
    assert _fouten(t, leerling, "odo", "16") == []  # the programme states no share
    OpleidingsRegels.objects.create(
        opleiding=t.opleiding, gemiddelde_werkplekuren=Decimal(16), werkplekaandeel_procent=40
    )
    assert any("50 %" in f and "40 %" in f for f in _fouten(t, leerling, "odo", "16"))


def test_adult_types_are_for_learners_of_18_and_over(traject) -> None:
    t, leerling = _volwassen(traject, Overeenkomsttype.ODO)
    assert any("18 and over" in f for f in _fouten(t, leerling, "odo", "16", leeftijd=17))


# The document per type.


@pytest.mark.parametrize("soort", sorted(VOLWASSENENSOORTEN))
def test_an_adult_agreement_says_it_is_not_the_official_model(traject, soort) -> None:
    o = traject.ontwerp()
    type(o).objects.filter(pk=o.pk).update(soort=soort)
    p = presenteer(o)
    html = render_to_string(TEMPLATE, p.context())
    assert p.titel == TITELS[soort] and not p.officieel
    assert "Dit is geen officiële modelovereenkomst" in html
    assert "Opgesteld volgens het model van de Vlaamse Regering" not in html
    # The same parties, period, hours and allowance sections.
    for kop in ("Partijen", "Artikel 2 – Opleiding, duur en plaats", "Artikel 3", "Artikel 4"):
        assert kop in html


@pytest.mark.parametrize("soort", [Overeenkomsttype.OAO, Overeenkomsttype.SAO, Overeenkomsttype.DA])
def test_the_secondary_education_models_stay_official(traject, soort) -> None:
    o = traject.ontwerp()
    type(o).objects.filter(pk=o.pk).update(soort=soort)
    html = render_to_string(TEMPLATE, presenteer(o).context())
    assert f"<h1>{TITELS[soort]}</h1>" in html
    assert "geen officiële modelovereenkomst" not in html
