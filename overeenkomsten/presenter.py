"""What the model agreement shows, built once: the PDF and the HTML preview use the same
presenter and template (design.md section 5). The document is Dutch, the model's language."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stdnum.be import ssn

from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.accounts.selectors import gebruikers_van
from duaal.organisaties.constants import Overeenkomsttype
from duaal.termijnen import leeftijd_op

from .constants import Partij
from .models import Overeenkomst

TEMPLATE = "overeenkomsten/model/overeenkomst.html"

TITELS = {
    Overeenkomsttype.OAO: "Overeenkomst alternerende opleiding",
    Overeenkomsttype.SAO: "Stageovereenkomst alternerende opleiding",
    Overeenkomsttype.DA: "Deeltijdse arbeidsovereenkomst in een duale opleiding",
}
PARTIJ_TITELS = {
    Partij.WERKGEVER: "Voor de onderneming",
    Partij.SCHOOL: "Voor de opleidingsverstrekker",
    Partij.LEERLING: "De leerling",
    Partij.VERTEGENWOORDIGER: "De wettelijke vertegenwoordiger van de minderjarige leerling",
}


def euro(bedrag: Decimal | None) -> str:
    if bedrag is None:
        return ""
    geheel, decimalen = f"{bedrag:,.2f}".split(".")
    return f"€ {geheel.replace(',', '.')},{decimalen}"


def datum(dag: dt.date | None) -> str:
    return dag.strftime("%d/%m/%Y") if dag else ""


@dataclass(frozen=True)
class Blok:
    dag: str
    plaats: str
    van: str
    tot: str


@dataclass(frozen=True)
class Handtekening:
    titel: str
    naam: str


@dataclass(frozen=True)
class OvereenkomstPresentatie:
    titel: str
    soort: str
    versie: int
    referentie: str
    start: str
    einde: str
    onderneming: str
    kbo: str
    onderneming_adres: str
    vertegenwoordiger_onderneming: str
    vestiging: str
    vestigingseenheid: str
    vestiging_adres: str
    mentor: str
    mentor_insz: str
    leerling: str
    leerling_insz: str
    leerling_geboortedatum: str
    leerling_adres: str
    minderjarig: bool
    wettelijk_vertegenwoordiger: str
    school: str
    instellingsnummer: str
    school_adres: str
    trajectbegeleider: str
    opleiding: str
    opleiding_code: str
    werkplekuren: str
    leervergoeding: str
    leervergoeding_niveau: str
    loon_sectorschaal: str
    opleidingsplan: str
    vakantiebijlage: str
    uurrooster: list[Blok] = field(default_factory=list)
    handtekeningen: list[Handtekening] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        return {"o": self}


def _vertegenwoordiger(onderneming_id: int) -> str:
    gebruiker = gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER).order_by("pk").first()
    return gebruiker.naam if gebruiker else ""


def presenteer(overeenkomst: Overeenkomst) -> OvereenkomstPresentatie:
    o = Overeenkomst.objects.select_related(
        "leerling",
        "onderneming",
        "vestiging",
        "onderwijsinstelling",
        "opleiding",
        "toewijzing__mentor",
        "trajectbegeleider",
    ).get(pk=overeenkomst.pk)
    leerling, mentor = o.leerling, o.toewijzing.mentor
    minderjarig = o.met_vertegenwoordiger or leeftijd_op(leerling.geboortedatum, o.start) < 18
    with translation.override("nl"):
        rooster = [
            Blok(r.get_dag_display(), r.get_plaats_display(), f"{r.van:%H:%M}", f"{r.tot:%H:%M}")
            for r in o.uurrooster.all()
        ]
        niveau = o.get_situatie_display() if o.situatie else ""
    handtekeningen = [
        Handtekening(PARTIJ_TITELS[Partij.WERKGEVER], _vertegenwoordiger(o.onderneming_id)),
        Handtekening(PARTIJ_TITELS[Partij.SCHOOL], o.trajectbegeleider.naam),
        Handtekening(PARTIJ_TITELS[Partij.LEERLING], str(leerling)),
    ]
    if minderjarig:
        handtekeningen.append(
            Handtekening(PARTIJ_TITELS[Partij.VERTEGENWOORDIGER], leerling.vertegenwoordiger_naam)
        )
    return OvereenkomstPresentatie(
        titel=TITELS[o.soort],
        soort=o.soort,
        versie=o.versie,
        referentie=str(o.public_id)[:8].upper(),
        start=datum(o.start),
        einde=datum(o.einde),
        onderneming=o.onderneming.naam,
        kbo=o.onderneming.kbo_weergave,
        onderneming_adres=o.onderneming.adres,
        vertegenwoordiger_onderneming=handtekeningen[0].naam,
        vestiging=o.vestiging.naam,
        vestigingseenheid=o.vestiging.nummer_weergave,
        vestiging_adres=o.vestiging.adres,
        mentor=str(mentor),
        mentor_insz=ssn.format(mentor.insz),
        leerling=str(leerling),
        leerling_insz=ssn.format(leerling.insz),
        leerling_geboortedatum=datum(leerling.geboortedatum),
        leerling_adres=leerling.adres,
        minderjarig=minderjarig,
        wettelijk_vertegenwoordiger=leerling.vertegenwoordiger_naam if minderjarig else "",
        school=o.onderwijsinstelling.naam,
        instellingsnummer=o.onderwijsinstelling.instellingsnummer,
        school_adres=o.onderwijsinstelling.adres,
        trajectbegeleider=o.trajectbegeleider.naam,
        opleiding=o.opleiding.officiele_naam,
        opleiding_code=o.opleiding.code,
        werkplekuren=f"{o.werkplekuren_per_week:g}".replace(".", ","),
        leervergoeding=euro(o.leervergoeding),
        leervergoeding_niveau=niveau,
        loon_sectorschaal=euro(o.loon_sectorschaal),
        opleidingsplan=o.opleidingsplan,
        vakantiebijlage=o.vakantiebijlage,
        uurrooster=rooster,
        handtekeningen=handtekeningen,
    )
