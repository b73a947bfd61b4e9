"""The programme's rules in force at a moment, read once into plain values so that a guard
checks them without further queries (`opleidingsregels_voor`)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from .models import Opleiding, OpleidingsFase, OpleidingsRegels, TypeAlternatief, Vooropleiding
from .opleidingsregels import FaseContext, LeeftijdPeil
from .selectors import _tijdstip


@dataclass(frozen=True)
class Fase:
    volgorde: int
    naam: str
    context: str
    min_maanden: int | None
    max_maanden: int | None
    inschrijvingsnummer_vereist: bool
    begeleide_dagen_eerste_maand: int
    evaluatie_na_maanden: int | None
    wekelijkse_feedback: bool

    @property
    def context_label(self) -> str:
        return str(FaseContext(self.context).label)


@dataclass(frozen=True)
class Alternatief:
    soort: str
    sectoren: tuple[str, ...]
    uren_per_week: Decimal
    naam: str


@dataclass(frozen=True)
class Programmaregels:
    """One version of a programme's rules; `versie_id` None: the programme's own fields,
    before its first dated version."""

    opleiding_id: int
    versie_id: int | None
    geldig_vanaf: dt.datetime | None
    overeenkomsttype: str
    start_van: tuple[int, int] | None  # (month, day)
    start_tot: tuple[int, int] | None
    late_start_mits_leerling: bool
    einde_uiterlijk: tuple[int, int] | None
    max_duur_maanden: int | None
    gemiddelde_werkplekuren: Decimal
    minimumleeftijd: int
    leeftijd_peil: str
    leeftijd_peil_datum: tuple[int, int] | None
    maximumleeftijd: int
    kwalificatieniveau: int | None
    werkplekaandeel_procent: int | None
    blokperiodes_toegestaan: bool
    medisch_onderzoek_verplicht: bool
    dimona_verplicht: bool
    toelichting: str = ""
    vooropleidingen: tuple[tuple[int, str, str], ...] = ()  # (id, naam, bewijs)
    fases: tuple[Fase, ...] = field(default=())
    alternatieven: tuple[Alternatief, ...] = field(default=())

    def fase(self, volgorde: int | None) -> Fase | None:
        return next((f for f in self.fases if f.volgorde == volgorde), None)


def _paar(maand: int | None, dag: int | None) -> tuple[int, int] | None:
    return (maand, dag) if maand and dag else None


def _uit_versie(opleiding: Opleiding, v: OpleidingsRegels) -> Programmaregels:
    return Programmaregels(
        opleiding_id=opleiding.pk,
        versie_id=v.pk,
        geldig_vanaf=v.geldig_vanaf,
        overeenkomsttype=opleiding.overeenkomsttype,
        start_van=_paar(v.start_van_maand, v.start_van_dag),
        start_tot=_paar(v.start_tot_maand, v.start_tot_dag),
        late_start_mits_leerling=v.late_start_mits_leerling,
        einde_uiterlijk=_paar(v.einde_uiterlijk_maand, v.einde_uiterlijk_dag),
        max_duur_maanden=v.max_duur_maanden,
        gemiddelde_werkplekuren=v.gemiddelde_werkplekuren,
        minimumleeftijd=v.minimumleeftijd,
        leeftijd_peil=v.leeftijd_peil,
        leeftijd_peil_datum=_paar(v.leeftijd_peil_maand, v.leeftijd_peil_dag),
        maximumleeftijd=v.maximumleeftijd,
        kwalificatieniveau=v.kwalificatieniveau,
        werkplekaandeel_procent=v.werkplekaandeel_procent,
        blokperiodes_toegestaan=v.blokperiodes_toegestaan,
        medisch_onderzoek_verplicht=v.medisch_onderzoek_verplicht,
        dimona_verplicht=v.dimona_verplicht,
        toelichting=v.toelichting,
        vooropleidingen=tuple((p.pk, p.naam, p.bewijs) for p in v.vooropleidingen.all()),
        fases=tuple(
            Fase(
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
            for f in v.fases.all()
        ),
        alternatieven=tuple(
            Alternatief(a.soort, tuple(a.sectoren), a.uren_per_week, a.naam)
            for a in v.type_alternatieven.all()
        ),
    )


def oorspronkelijke_opleidingsregels(opleiding: Opleiding) -> Programmaregels:
    """Before a programme's first dated version: its own type, hours and age limits."""
    return Programmaregels(
        opleiding_id=opleiding.pk,
        versie_id=None,
        geldig_vanaf=None,
        overeenkomsttype=opleiding.overeenkomsttype,
        start_van=None,
        start_tot=None,
        late_start_mits_leerling=False,
        einde_uiterlijk=None,
        max_duur_maanden=None,
        gemiddelde_werkplekuren=Decimal(opleiding.werkplekuren_per_week),
        minimumleeftijd=opleiding.minimumleeftijd,
        leeftijd_peil=LeeftijdPeil.START,
        leeftijd_peil_datum=None,
        maximumleeftijd=opleiding.maximumleeftijd,
        kwalificatieniveau=None,
        werkplekaandeel_procent=None,
        blokperiodes_toegestaan=False,
        medisch_onderzoek_verplicht=False,
        dimona_verplicht=True,
    )


def _versies() -> QuerySet[OpleidingsRegels]:
    return OpleidingsRegels.objects.prefetch_related(
        Prefetch("vooropleidingen", queryset=Vooropleiding.objects.order_by("volgorde", "pk")),
        Prefetch("fases", queryset=OpleidingsFase.objects.order_by("volgorde")),
        Prefetch("type_alternatieven", queryset=TypeAlternatief.objects.order_by("pk")),
    )


def opleidingsregels_voor(opleiding: Opleiding, *, op: dt.date | dt.datetime) -> Programmaregels:
    """The rules in force at `op` (four queries). An agreement passes the moment it was sent
    (a draft: now), so a newer version never changes an agreement already under way."""
    versie = (
        _versies()
        .filter(opleiding=opleiding, geldig_vanaf__lte=_tijdstip(op))
        .order_by("-geldig_vanaf", "-pk")
        .first()
    )
    if versie is None:
        versie = _versies().filter(opleiding=opleiding, geldig_vanaf__isnull=True).first()
    if versie is None:
        return oorspronkelijke_opleidingsregels(opleiding)
    return _uit_versie(opleiding, versie)


def opleidingsregelversies(opleiding: Opleiding) -> list[Programmaregels]:
    """Every version, newest first; the programme's own fields last when no undated version."""
    versies = [
        _uit_versie(opleiding, v)
        for v in _versies().filter(opleiding=opleiding).order_by("-geldig_vanaf", "-pk")
    ]
    if not any(v.geldig_vanaf is None for v in versies):
        versies.append(oorspronkelijke_opleidingsregels(opleiding))
    return versies


__all__ = [
    "Alternatief",
    "Fase",
    "Programmaregels",
    "oorspronkelijke_opleidingsregels",
    "opleidingsregels_voor",
    "opleidingsregelversies",
]
