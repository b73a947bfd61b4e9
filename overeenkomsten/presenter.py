"""What the model agreement shows, built once: the PDF and the HTML preview use the same
presenter and template (design.md section 5). The document is Dutch, the model's language, so
its wording lives here and in the template rather than in the message catalogue."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stdnum.be import ssn

from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.accounts.selectors import gebruikers_van
from duaal.insz import insz_masker
from duaal.organisaties.constants import Overeenkomsttype
from duaal.termijnen import leeftijd_op, vandaag

from .constants import LEERVERGOEDING_PERCENTAGE, Partij
from .models import Overeenkomst
from .selectors import werkgever_aanvaard
from .soorten import soortregels_op
from .traject_overzicht import fase_tekst

TEMPLATE = "overeenkomsten/model/overeenkomst.html"

TITELS = {
    Overeenkomsttype.OAO: "Overeenkomst alternerende opleiding",
    Overeenkomsttype.SAO: "Stageovereenkomst alternerende opleiding",
    Overeenkomsttype.DA: "Deeltijdse arbeidsovereenkomst in een duale opleiding",
    # R58: adult education. No official model text exists in the sources for these three: the
    # document says so (OFFICIEEL) and keeps the parties, period, hours and allowance sections.
    Overeenkomsttype.ODO: "Overeenkomst duale opleiding",
    Overeenkomsttype.ODOS: "Overeenkomst duale opleiding met statuut",
    Overeenkomsttype.ODOW: "Overeenkomst duale opleiding bij de eigen werkgever",
}
OFFICIEEL = frozenset({Overeenkomsttype.OAO, Overeenkomsttype.SAO, Overeenkomsttype.DA})
# Article 1 of the model: what the agreement is for (R62.1), per type (R54-R55).
VOORWERP = {
    Overeenkomsttype.OAO: (
        "Deze overeenkomst regelt de alternerende opleiding van de leerling in de opleiding "
        "{opleiding}. De opleiding is voltijds en bestaat uit een component op de werkplek in de "
        "onderneming en een component lessen en gelijkwaardige activiteiten bij de "
        "opleidingsverstrekker. Beide samen vormen één opleidingstraject volgens het "
        "opleidingsplan in bijlage 2."
    ),
    Overeenkomsttype.SAO: (
        "Deze stageovereenkomst regelt de alternerende opleiding van de leerling in de opleiding "
        "{opleiding}, met gemiddeld minder dan 20 uur per week op de werkplek in de onderneming, "
        "naast de lessen en gelijkwaardige activiteiten bij de opleidingsverstrekker. Beide samen "
        "vormen één opleidingstraject volgens het opleidingsplan in bijlage 2."
    ),
    Overeenkomsttype.DA: (
        "Door deze deeltijdse arbeidsovereenkomst werkt de leerling als deeltijdse werknemer in "
        "de onderneming, in het kader van de duale opleiding {opleiding}. Het werk op de werkplek "
        "en de lessen bij de opleidingsverstrekker vormen samen één opleidingstraject volgens het "
        "opleidingsplan in bijlage 2."
    ),
    Overeenkomsttype.ODO: (
        "Deze overeenkomst regelt de duale opleiding van de cursist in de opleiding {opleiding} "
        "in het volwassenenonderwijs, met minder dan 20 uur per week op de werkplek in de "
        "onderneming, naast de lessen bij de opleidingsverstrekker. Minstens de helft van de "
        "opleidingstijd is op de werkplek. Beide samen vormen één opleidingstraject volgens het "
        "opleidingsplan in bijlage 2."
    ),
    Overeenkomsttype.ODOS: (
        "Deze overeenkomst regelt de duale opleiding met statuut van de cursist in de opleiding "
        "{opleiding} in het volwassenenonderwijs, met minstens 20 uur per week op de werkplek "
        "in de onderneming, naast de lessen bij de opleidingsverstrekker. Minstens de helft van "
        "de opleidingstijd is op de werkplek. Beide samen vormen één opleidingstraject volgens "
        "het opleidingsplan in bijlage 2."
    ),
    Overeenkomsttype.ODOW: (
        "Deze overeenkomst regelt de duale opleiding van de cursist in de opleiding {opleiding} "
        "in het volwassenenonderwijs. De cursist volgt het werkplekgedeelte bij de eigen "
        "werkgever. Minstens de helft van de opleidingstijd is op de werkplek. Het werk op de "
        "werkplek en de lessen bij de opleidingsverstrekker vormen samen één opleidingstraject "
        "volgens het opleidingsplan in bijlage 2."
    ),
}
# R66 in the model's words; the catalogue labels of Situatie are English source strings.
NIVEAUS = {
    "A": "niveau A: de leerling heeft de tweede graad van het secundair onderwijs nog niet "
    "beëindigd en zit in het eerste opleidingsjaar van de alternerende opleiding",
    "B": "niveau B: de leerling heeft de tweede graad beëindigd, of heeft een eerste "
    "opleidingsjaar voltooid en start een tweede",
    "C": "niveau C: de leerling heeft het eerste leerjaar van de derde graad, twee "
    "opleidingsjaren alternerende opleiding of de kwalificatiefase van BuSO OV3 voltooid",
}
DAGEN = {
    1: "maandag",
    2: "dinsdag",
    3: "woensdag",
    4: "donderdag",
    5: "vrijdag",
    6: "zaterdag",
    7: "zondag",
}
PLAATSEN = {"werkplek": "werkplek (onderneming)", "school": "lessen (opleidingsverstrekker)"}
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


def uren(aantal: float | Decimal) -> str:
    return f"{float(aantal):g}".replace(".", ",")


def procent(fractie: Decimal) -> str:
    return f"{(fractie * 100).normalize():f}".replace(".", ",") + " %"


@dataclass(frozen=True)
class Blok:
    dag: str
    plaats: str
    van: str
    tot: str
    uren: str


@dataclass(frozen=True)
class Handtekening:
    titel: str
    naam: str
    hoedanigheid: str


@dataclass(frozen=True)
class OvereenkomstPresentatie:
    titel: str
    soort: str
    soort_kort: str
    versie: int
    referentie: str
    voorwerp: str
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
    # The full INSZ is for the signed document only; screens show the masked one (S7). Out of
    # the repr: a failed template lookup logs the whole context at DEBUG (django.template).
    # R63: the mentor's, even in the document, only once the employer accepted the agreement.
    mentor_insz: str = field(repr=False)
    mentor_insz_gemaskeerd: str
    leerling: str
    leerling_insz: str = field(repr=False)
    leerling_insz_gemaskeerd: str
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
    leervergoeding_percentage: str
    loon_sectorschaal: str
    opleidingsplan: str
    vakantiebijlage: str
    uren_werkplek: str = "0"
    uren_lessen: str = "0"
    uurrooster: list[Blok] = field(default_factory=list)
    # A timetable in periods (presenter_rooster.py); None: the repeating week above.
    periodes: Any = None
    handtekeningen: list[Handtekening] = field(default_factory=list)
    # Whether `mentor_insz` is the full number (the employer accepted) or masked.
    mentor_insz_vrij: bool = False
    # A trajectory's phase and its period ("Fase 1 van 2: ..."); empty without phases.
    fase: str = ""
    # False for the adult-education types: no official model text exists (soorten.py).
    officieel: bool = True
    # An ODO: the hourly minimum its allowance is computed from (R58).
    uurbedrag: str = ""
    # An ODO(W): since when the learner works for the employer.
    in_dienst_sinds: str = ""

    def context(self, *, document: bool = False) -> dict[str, Any]:
        """`document` only for the stored PDF: the legal copy shows the INSZ numbers in full,
        every screen (the HTML preview included) shows them masked (S7)."""
        return {"o": self, "document": document}


def _vertegenwoordiger(onderneming_id: int) -> str:
    gebruiker = gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER).order_by("pk").first()
    return gebruiker.naam if gebruiker else ""


def _met_vertegenwoordiger(o: Overeenkomst, now: dt.datetime | None) -> bool:
    """The signature blocks follow who must approve: fixed when sent (vereiste_partijen); for a
    draft, the same rule overeenkomst_versturen will apply, the learner's age today."""
    if o.verstuurd_op is not None:
        return o.met_vertegenwoordiger
    return leeftijd_op(o.leerling.geboortedatum, vandaag(now or timezone.now())) < 18


def _rooster(o: Overeenkomst) -> tuple[list[Blok], float, float]:
    blokken, totaal = [], {"werkplek": 0.0, "school": 0.0}
    for r in o.uurrooster.all():
        if r.periode_id is not None:
            continue  # a period's week: shown with its period
        totaal[r.plaats] = totaal.get(r.plaats, 0.0) + r.uren
        blokken.append(
            Blok(
                DAGEN[r.dag],
                PLAATSEN.get(r.plaats, r.plaats),
                f"{r.van:%H:%M}",
                f"{r.tot:%H:%M}",
                uren(r.uren),
            )
        )
    return blokken, totaal["werkplek"], totaal["school"]


def _periodes(o: Overeenkomst) -> Any:
    if o.roostersoort != "periodes":
        return None
    from .presenter_rooster import periodes_weergave

    return periodes_weergave(o)


def _handtekeningen(
    o: Overeenkomst, vertegenwoordiger: str, met_vertegenwoordiger: bool
) -> list[Handtekening]:
    leerling = o.leerling
    blokken = [
        Handtekening(
            PARTIJ_TITELS[Partij.WERKGEVER],
            vertegenwoordiger,
            f"vertegenwoordiger van {o.onderneming.naam}",
        ),
        Handtekening(
            PARTIJ_TITELS[Partij.SCHOOL],
            o.trajectbegeleider.naam,
            f"trajectbegeleider, {o.onderwijsinstelling.naam}",
        ),
        Handtekening(PARTIJ_TITELS[Partij.LEERLING], str(leerling), "leerling"),
    ]
    if met_vertegenwoordiger:
        blokken.append(
            Handtekening(
                PARTIJ_TITELS[Partij.VERTEGENWOORDIGER],
                leerling.vertegenwoordiger_naam,
                f"wettelijke vertegenwoordiger van {leerling}",
            )
        )
    return blokken


def presenteer(
    overeenkomst: Overeenkomst, *, now: dt.datetime | None = None
) -> OvereenkomstPresentatie:
    """Three queries whatever the size of the timetable: the agreement with its parties (and
    whether the employer accepted it), the timetable, and the enterprise's representative."""
    o = (
        Overeenkomst.objects.annotate(aanvaard=werkgever_aanvaard())
        .select_related(
            "leerling",
            "onderneming",
            "vestiging",
            "onderwijsinstelling",
            "opleiding",
            "toewijzing__mentor",
            "trajectbegeleider",
        )
        .get(pk=overeenkomst.pk)
    )
    leerling, mentor = o.leerling, o.toewijzing.mentor
    met_vertegenwoordiger = _met_vertegenwoordiger(o, now)
    rooster, uren_werkplek, uren_lessen = _rooster(o)
    vertegenwoordiger = _vertegenwoordiger(o.onderneming_id)
    percentage = LEERVERGOEDING_PERCENTAGE.get(o.situatie)
    return OvereenkomstPresentatie(
        titel=TITELS[o.soort],
        soort=o.soort,
        soort_kort=o.soort.upper(),
        versie=o.versie,
        referentie=str(o.public_id)[:8].upper(),
        voorwerp=VOORWERP[o.soort].format(opleiding=o.opleiding.officiele_naam),
        start=datum(o.start),
        einde=datum(o.einde),
        onderneming=o.onderneming.naam,
        kbo=o.onderneming.kbo_weergave,
        onderneming_adres=o.onderneming.adres,
        vertegenwoordiger_onderneming=vertegenwoordiger,
        vestiging=o.vestiging.naam,
        vestigingseenheid=o.vestiging.nummer_weergave,
        vestiging_adres=o.vestiging.adres,
        mentor=str(mentor),
        mentor_insz=ssn.format(mentor.insz) if o.aanvaard else insz_masker(mentor.insz),
        mentor_insz_vrij=o.aanvaard,
        mentor_insz_gemaskeerd=insz_masker(mentor.insz),
        leerling=str(leerling),
        leerling_insz=ssn.format(leerling.insz),
        leerling_insz_gemaskeerd=insz_masker(leerling.insz),
        leerling_geboortedatum=datum(leerling.geboortedatum),
        leerling_adres=leerling.adres,
        minderjarig=met_vertegenwoordiger,
        wettelijk_vertegenwoordiger=leerling.vertegenwoordiger_naam
        if met_vertegenwoordiger
        else "",
        school=o.onderwijsinstelling.naam,
        instellingsnummer=o.onderwijsinstelling.instellingsnummer,
        school_adres=o.onderwijsinstelling.adres,
        trajectbegeleider=o.trajectbegeleider.naam,
        opleiding=o.opleiding.officiele_naam,
        opleiding_code=o.opleiding.code,
        werkplekuren=uren(o.werkplekuren_per_week),
        leervergoeding=euro(o.leervergoeding),
        leervergoeding_niveau=NIVEAUS.get(o.situatie, ""),
        leervergoeding_percentage=procent(percentage) if percentage else "",
        loon_sectorschaal=euro(o.loon_sectorschaal),
        opleidingsplan=o.opleidingsplan,
        vakantiebijlage=o.vakantiebijlage,
        uren_werkplek=uren(uren_werkplek),
        uren_lessen=uren(uren_lessen),
        uurrooster=rooster,
        periodes=_periodes(o),
        handtekeningen=_handtekeningen(o, vertegenwoordiger, met_vertegenwoordiger),
        fase=fase_tekst(o),
        officieel=o.soort in OFFICIEEL,
        uurbedrag=euro(soortregels_op(o.start).uurbedrag_odo)
        if o.soort == Overeenkomsttype.ODO
        else "",
        in_dienst_sinds=datum(o.in_dienst_sinds),
    )
