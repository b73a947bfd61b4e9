"""A programme's rules as the partnership wants them from now on (`Regelgegevens`), and every
reason why they cannot be saved (`fouten_in`): the form shows them all in one round and the
service refuses on the same list, so a rule is written once."""

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from .constants import Overeenkomsttype
from .opleidingsregels import FaseContext, LeeftijdPeil, Sector
from .programmaregels import Programmaregels

# R44: learners are 15 to 25 years old; a programme may narrow that, never widen it.
LEEFTIJD_MIN, LEEFTIJD_MAX = 15, 25
# R54: an OAO needs on average at least 20 workplace hours a week; 38 is a full-time week.
OAO_MIN_UREN, MAX_UREN = Decimal(20), Decimal(38)
# The Flemish qualification structure has eight levels.
NIVEAU_MAX = 8
# A leap year, so that 29 February (which a school year can contain) counts as a date.
SCHRIKKELJAAR = 2024

# The month/day pairs of a version: (field prefix, how the user knows it).
DAGMAANDEN = ("start_van", "start_tot", "einde_uiterlijk", "leeftijd_peil")


@dataclass(frozen=True)
class Fout:
    """One reason why not; `veld` names the form field it concerns ("" for the whole form)."""

    veld: str
    bericht: str


@dataclass(frozen=True)
class FaseGegevens:
    volgorde: int
    naam: str
    context: str
    min_maanden: int | None = None
    max_maanden: int | None = None
    inschrijvingsnummer_vereist: bool = False
    begeleide_dagen_eerste_maand: int = 0
    evaluatie_na_maanden: int | None = None
    wekelijkse_feedback: bool = False


@dataclass(frozen=True)
class VooropleidingGegevens:
    naam: str
    bewijs: str


@dataclass(frozen=True)
class AlternatiefGegevens:
    soort: str
    sectoren: tuple[str, ...]
    uren_per_week: Decimal | None
    naam: str


@dataclass(frozen=True)
class Regelgegevens:
    """Every field of a version of a programme's rules, with its rows; a day/month pair left
    empty means the programme sets no such rule."""

    gemiddelde_werkplekuren: Decimal
    start_van_dag: int | None = None
    start_van_maand: int | None = None
    start_tot_dag: int | None = None
    start_tot_maand: int | None = None
    late_start_mits_leerling: bool = False
    einde_uiterlijk_dag: int | None = None
    einde_uiterlijk_maand: int | None = None
    max_duur_maanden: int | None = None
    minimumleeftijd: int = LEEFTIJD_MIN
    leeftijd_peil: str = LeeftijdPeil.START
    leeftijd_peil_dag: int | None = None
    leeftijd_peil_maand: int | None = None
    maximumleeftijd: int = LEEFTIJD_MAX
    kwalificatieniveau: int | None = None
    werkplekaandeel_procent: int | None = None
    blokperiodes_toegestaan: bool = False
    medisch_onderzoek_verplicht: bool = False
    dimona_verplicht: bool = True
    toelichting: str = ""
    vooropleidingen: tuple[VooropleidingGegevens, ...] = field(default=())
    fases: tuple[FaseGegevens, ...] = field(default=())
    alternatieven: tuple[AlternatiefGegevens, ...] = field(default=())

    def als_dict(self) -> dict[str, object]:
        """Plain JSON values, for the audit trail and to see whether anything changed."""
        waarden = _json(asdict(self))
        assert isinstance(waarden, dict)
        return waarden

    def velden(self) -> dict[str, object]:
        """The version's own columns (without its rows), as the model names them."""
        waarden = asdict(self)
        for rijen in ("vooropleidingen", "fases", "alternatieven"):
            waarden.pop(rijen)
        return waarden


def _json(waarde: object) -> object:
    if isinstance(waarde, Decimal):
        return str(waarde.normalize()) if waarde == waarde.to_integral() else str(waarde)
    if isinstance(waarde, dict):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    return waarde


def _uren_tekst(uren: Decimal) -> str:
    """Hours as the user reads them (19,5 in Dutch)."""
    return str(floatformat(uren, -1))


def _dagmaand(paar: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (paar[1], paar[0]) if paar else (None, None)


def gegevens_uit(regels: Programmaregels) -> Regelgegevens:
    """The rules in force as the form's starting point (and the audit's "before")."""
    start_van, start_tot = _dagmaand(regels.start_van), _dagmaand(regels.start_tot)
    einde, peil = _dagmaand(regels.einde_uiterlijk), _dagmaand(regels.leeftijd_peil_datum)
    return Regelgegevens(
        gemiddelde_werkplekuren=regels.gemiddelde_werkplekuren,
        start_van_dag=start_van[0],
        start_van_maand=start_van[1],
        start_tot_dag=start_tot[0],
        start_tot_maand=start_tot[1],
        late_start_mits_leerling=regels.late_start_mits_leerling,
        einde_uiterlijk_dag=einde[0],
        einde_uiterlijk_maand=einde[1],
        max_duur_maanden=regels.max_duur_maanden,
        minimumleeftijd=regels.minimumleeftijd,
        leeftijd_peil=regels.leeftijd_peil,
        leeftijd_peil_dag=peil[0],
        leeftijd_peil_maand=peil[1],
        maximumleeftijd=regels.maximumleeftijd,
        kwalificatieniveau=regels.kwalificatieniveau,
        werkplekaandeel_procent=regels.werkplekaandeel_procent,
        blokperiodes_toegestaan=regels.blokperiodes_toegestaan,
        medisch_onderzoek_verplicht=regels.medisch_onderzoek_verplicht,
        dimona_verplicht=regels.dimona_verplicht,
        toelichting=regels.toelichting,
        vooropleidingen=tuple(VooropleidingGegevens(n, b) for _pk, n, b in regels.vooropleidingen),
        fases=tuple(
            FaseGegevens(
                f.volgorde,
                f.naam,
                f.context,
                f.min_maanden,
                f.max_maanden,
                f.inschrijvingsnummer_vereist,
                f.begeleide_dagen_eerste_maand,
                f.evaluatie_na_maanden,
                f.wekelijkse_feedback,
            )
            for f in regels.fases
        ),
        alternatieven=tuple(
            AlternatiefGegevens(a.soort, a.sectoren, a.uren_per_week, a.naam)
            for a in regels.alternatieven
        ),
    )


def _labels() -> dict[str, str]:
    return {
        "start_van": _("Earliest start"),
        "start_tot": _("Latest start"),
        "einde_uiterlijk": _("Latest end"),
        "leeftijd_peil": _("Minimum age reached by"),
    }


def _leeg(waarde: int | None) -> str:
    return "–" if waarde is None else str(waarde)


def _dagmaand_fouten(g: Regelgegevens) -> list[Fout]:
    fouten = []
    for prefix, label in _labels().items():
        dag, maand = getattr(g, f"{prefix}_dag"), getattr(g, f"{prefix}_maand")
        if (dag is None) != (maand is None):
            bericht = _(
                "%(veld)s: fill in both the day and the month, or neither "
                "(now day %(dag)s, month %(maand)s)."
            )
            veld = f"{prefix}_maand" if maand is None else f"{prefix}_dag"
            fouten.append(
                Fout(veld, bericht % {"veld": label, "dag": _leeg(dag), "maand": _leeg(maand)})
            )
        elif dag is not None and not _bestaat(dag, maand):
            bericht = _("%(veld)s: %(dag)s/%(maand)s is not a date.")
            fouten.append(
                Fout(f"{prefix}_dag", bericht % {"veld": label, "dag": dag, "maand": maand})
            )
    return fouten


def _bestaat(dag: int, maand: int) -> bool:
    try:
        dt.date(SCHRIKKELJAAR, maand, dag)
    except (ValueError, OverflowError):
        return False
    return True


def _startvenster_fouten(g: Regelgegevens) -> list[Fout]:
    van, tot = g.start_van_dag is not None, g.start_tot_dag is not None
    if van == tot:
        return []
    bericht = _(
        "Start window: fill in both the earliest and the latest start, or neither "
        "(now only the %(welke)s)."
    )
    welke = _("earliest start") if van else _("latest start")
    return [Fout("start_tot_dag" if van else "start_van_dag", bericht % {"welke": welke})]


def _uren_fouten(g: Regelgegevens, overeenkomsttype: str) -> list[Fout]:
    uren = g.gemiddelde_werkplekuren
    if not 0 < uren <= MAX_UREN:
        bericht = _(
            "Average workplace hours per week: %(waarde)s is not possible; it lies above 0 "
            "and at most 38."
        )
        return [Fout("gemiddelde_werkplekuren", bericht % {"waarde": _uren_tekst(uren)})]
    if overeenkomsttype == Overeenkomsttype.OAO and uren < OAO_MIN_UREN:
        bericht = _(
            "Average workplace hours per week: %(waarde)s is less than 20, but the "
            "programme's agreement type (%(soort)s) needs at least 20 hours a week on average."
        )
        soort = Overeenkomsttype(overeenkomsttype).label
        return [
            Fout("gemiddelde_werkplekuren", bericht % {"waarde": _uren_tekst(uren), "soort": soort})
        ]
    return []


def _leeftijd_fouten(g: Regelgegevens) -> list[Fout]:
    fouten = []
    for veld, waarde, label in (
        ("minimumleeftijd", g.minimumleeftijd, _("Minimum age")),
        ("maximumleeftijd", g.maximumleeftijd, _("Maximum age")),
    ):
        if not LEEFTIJD_MIN <= waarde <= LEEFTIJD_MAX:
            bericht = _("%(veld)s: %(waarde)s years lies outside 15 to 25 years.")
            fouten.append(Fout(veld, bericht % {"veld": label, "waarde": waarde}))
    if g.minimumleeftijd > g.maximumleeftijd:
        bericht = _("Minimum age %(min)s is higher than maximum age %(max)s.")
        fouten.append(
            Fout("minimumleeftijd", bericht % {"min": g.minimumleeftijd, "max": g.maximumleeftijd})
        )
    if g.leeftijd_peil not in LeeftijdPeil.values:
        fouten.append(Fout("leeftijd_peil", _("Choose when the minimum age must be reached.")))
    elif g.leeftijd_peil == LeeftijdPeil.SCHOOLJAAR and g.leeftijd_peil_dag is None:
        bericht = _(
            "Minimum age reached by: with “%(peil)s”, fill in the day and the month (for "
            "example 31/8)."
        )
        peil = LeeftijdPeil(g.leeftijd_peil).label
        fouten.append(Fout("leeftijd_peil_dag", bericht % {"peil": peil}))
    return fouten


def _bereik_fouten(g: Regelgegevens) -> list[Fout]:
    fouten = []
    if g.werkplekaandeel_procent is not None and not 0 <= g.werkplekaandeel_procent <= 100:
        bericht = _("Workplace share: %(waarde)s%% lies outside 0 to 100%%.")
        fouten.append(
            Fout("werkplekaandeel_procent", bericht % {"waarde": g.werkplekaandeel_procent})
        )
    if g.kwalificatieniveau is not None and not 1 <= g.kwalificatieniveau <= NIVEAU_MAX:
        bericht = _("Qualification level: %(waarde)s lies outside 1 to 8.")
        fouten.append(Fout("kwalificatieniveau", bericht % {"waarde": g.kwalificatieniveau}))
    if g.max_duur_maanden is not None and g.max_duur_maanden < 1:
        bericht = _("Maximum duration: %(waarde)s months is not possible; at least 1.")
        fouten.append(Fout("max_duur_maanden", bericht % {"waarde": g.max_duur_maanden}))
    return fouten


def _fase_fouten(fases: tuple[FaseGegevens, ...]) -> list[Fout]:
    fouten = []
    volgordes = sorted(f.volgorde for f in fases)
    if volgordes != list(range(1, len(fases) + 1)):
        bericht = _("Phases: the order is %(volgorde)s; number the phases 1 to %(n)s, each once.")
        tekst = ", ".join(str(v) for v in volgordes)
        fouten.append(Fout("", bericht % {"volgorde": tekst, "n": len(fases)}))
    for f in fases:
        fouten += _een_fase_fouten(f)
    return fouten


def _een_fase_fouten(f: FaseGegevens) -> list[Fout]:
    fouten = []
    wie = {"nr": f.volgorde, "naam": f.naam}
    if not f.naam.strip():
        fouten.append(Fout("", _("Phase %(nr)s: give the phase a name.") % wie))
    if f.context not in FaseContext.values:
        bericht = _("Phase %(nr)s (%(naam)s): choose the workplace context.")
        fouten.append(Fout("", bericht % wie))
    if f.min_maanden is not None and f.max_maanden is not None and f.min_maanden > f.max_maanden:
        bericht = _(
            "Phase %(nr)s (%(naam)s): minimum months %(min)s is more than maximum months %(max)s."
        )
        fouten.append(Fout("", bericht % {**wie, "min": f.min_maanden, "max": f.max_maanden}))
    if not 0 <= f.begeleide_dagen_eerste_maand <= 31:
        bericht = _("Phase %(nr)s (%(naam)s): %(waarde)s supervised days is more than a month has.")
        fouten.append(Fout("", bericht % {**wie, "waarde": f.begeleide_dagen_eerste_maand}))
    return fouten


def _alternatief_fouten(alt: AlternatiefGegevens, overeenkomsttype: str) -> list[Fout]:
    fouten = []
    wie = {"naam": alt.naam.strip() or _("without a name")}
    if not alt.naam.strip():
        fouten.append(Fout("", _("Alternative “%(naam)s”: give the arrangement a name.") % wie))
    if alt.soort not in Overeenkomsttype.values:
        fouten.append(Fout("", _("Alternative “%(naam)s”: choose the agreement type.") % wie))
    elif alt.soort == overeenkomsttype:
        bericht = _("Alternative “%(naam)s”: %(soort)s is already the programme's own type.")
        fouten.append(Fout("", bericht % {**wie, "soort": Overeenkomsttype(alt.soort).label}))
    if not alt.sectoren:
        fouten.append(Fout("", _("Alternative “%(naam)s”: choose at least one sector.") % wie))
    onbekend = [s for s in alt.sectoren if s not in Sector.values]
    if onbekend:
        bericht = _("Alternative “%(naam)s”: unknown sector %(waarde)s.")
        fouten.append(Fout("", bericht % {**wie, "waarde": ", ".join(onbekend)}))
    if alt.uren_per_week is None or not 0 < alt.uren_per_week <= MAX_UREN:
        bericht = _(
            "Alternative “%(naam)s”: fill in the workplace hours per week, above 0 and at most "
            "38 (now %(waarde)s)."
        )
        waarde = "–" if alt.uren_per_week is None else _uren_tekst(alt.uren_per_week)
        fouten.append(Fout("", bericht % {**wie, "waarde": waarde}))
    return fouten


def _vooropleiding_fouten(rijen: tuple[VooropleidingGegevens, ...]) -> list[Fout]:
    bericht = _(
        "Prerequisite %(nr)s: fill in both the diploma or certificate and the evidence the "
        "coach records."
    )
    return [
        Fout("", bericht % {"nr": nr})
        for nr, rij in enumerate(rijen, start=1)
        if not rij.naam.strip() or not rij.bewijs.strip()
    ]


def fouten_in(g: Regelgegevens, *, overeenkomsttype: str) -> list[Fout]:
    """Every reason why these rules cannot be saved for a programme of this agreement type."""
    fouten = _dagmaand_fouten(g) + _startvenster_fouten(g) + _uren_fouten(g, overeenkomsttype)
    fouten += _leeftijd_fouten(g) + _bereik_fouten(g) + _fase_fouten(g.fases)
    for alt in g.alternatieven:
        fouten += _alternatief_fouten(alt, overeenkomsttype)
    return fouten + _vooropleiding_fouten(g.vooropleidingen)


__all__ = [
    "AlternatiefGegevens",
    "FaseGegevens",
    "Fout",
    "Regelgegevens",
    "VooropleidingGegevens",
    "fouten_in",
    "gegevens_uit",
]
