"""Which agreement type an agreement takes, and what each type demands (R54-R58, R66, R68).

A programme's type is fixed (R56); its rules may name an alternative for employers of named
sectors (a DA via the Sociale Maribel at 20 hours a week, R55), open to an employer once the
programme's partnership confirmed its sector (duaal/organisaties/sector.py). What each type
demands (hours band, how it is paid, ages, workplace share, the own employer) is a dated table
below, like the legal terms in duaal/termijnen/regels.py: the values change by decree, not by
partnership, and a new version from a date leaves agreements that started before it alone.
The guard (`soort_fouten`) is asked by controles.controleren, so every caller gets it."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import Onderneming, Opleiding, Vestiging
from duaal.organisaties.programmaregels import Programmaregels, opleidingsregels_voor
from duaal.organisaties.sector import bevestigde_sectoren

from .constants import OAO_MIN_UREN

TWINTIG = Decimal(OAO_MIN_UREN)


class Vergoeding(StrEnum):
    """How a type pays the learner (R58, R66, R68)."""

    GGMMI = "ggmmi"  # a monthly percentage of the GGMMI by the learner's level
    UURBEDRAG = "uurbedrag"  # the workplace hours times an hourly minimum
    LOON = "loon"  # the sector's wage scale
    GEEN = "geen"


@dataclass(frozen=True)
class SoortRegel:
    soort: str
    vergoeding: Vergoeding
    bron: str  # the rule in domain.md, or "assumption" (the README lists them)
    # The weekly workplace hours: at least `min_uren`, less than `max_uren`; None: no bound
    # here (OAO and SAO keep theirs in controles._duur_en_uren, where they always were).
    min_uren: Decimal | None = None
    max_uren: Decimal | None = None
    # Ages on the start date beyond the programme's own limits; None: only the programme's.
    min_leeftijd: int | None = None
    max_leeftijd: int | None = None
    # The least workplace share of the training time (%), when the programme states its share.
    min_werkplekaandeel: int | None = None
    eigen_werkgever: bool = False

    @property
    def volwassenen(self) -> bool:
        return self.soort in VOLWASSENENSOORTEN


@dataclass(frozen=True)
class SoortRegels:
    geldig_vanaf: dt.date
    # R58: the ODO's hourly minimum, EUR 4.27; the sources give no date or indexation, so
    # this version's date is the start of adult dual training (1 September 2022).
    uurbedrag_odo: Decimal
    regels: Mapping[str, SoortRegel]


VOLWASSENENSOORTEN = frozenset({Overeenkomsttype.ODO, Overeenkomsttype.ODOS, Overeenkomsttype.ODOW})
# Assumption: adult education takes learners of 18 and over; the sources name no age limits.
VOLWASSEN = 18

VERSIES: tuple[SoortRegels, ...] = (
    SoortRegels(
        geldig_vanaf=dt.date(2022, 9, 1),
        uurbedrag_odo=Decimal("4.27"),
        regels={
            Overeenkomsttype.OAO: SoortRegel(Overeenkomsttype.OAO, Vergoeding.GGMMI, "R54, R66"),
            Overeenkomsttype.SAO: SoortRegel(Overeenkomsttype.SAO, Vergoeding.GEEN, "R54, R68"),
            Overeenkomsttype.DA: SoortRegel(Overeenkomsttype.DA, Vergoeding.LOON, "R55, R68"),
            Overeenkomsttype.ODO: SoortRegel(
                Overeenkomsttype.ODO,
                Vergoeding.UURBEDRAG,
                "R58",
                max_uren=TWINTIG,
                min_leeftijd=VOLWASSEN,
                min_werkplekaandeel=50,
            ),
            # Assumption: the ODOS pays the OAO's monthly allowance (school and workplace
            # hours both paid, R58, as R59 for the OAO); the sources give no ODOS amount.
            Overeenkomsttype.ODOS: SoortRegel(
                Overeenkomsttype.ODOS,
                Vergoeding.GGMMI,
                "R58",
                min_uren=TWINTIG,
                min_leeftijd=VOLWASSEN,
                min_werkplekaandeel=50,
            ),
            Overeenkomsttype.ODOW: SoortRegel(
                Overeenkomsttype.ODOW,
                Vergoeding.GEEN,
                "R58",
                min_leeftijd=VOLWASSEN,
                min_werkplekaandeel=50,
                eigen_werkgever=True,
            ),
        },
    ),
)


def soortregels_op(dag: dt.date) -> SoortRegels:
    """The version in force on `dag` (an agreement's start date); the first before it."""
    geldig = [v for v in VERSIES if v.geldig_vanaf <= dag]
    return max(geldig, key=lambda v: v.geldig_vanaf) if geldig else VERSIES[0]


def soortregel(soort: str, *, op: dt.date) -> SoortRegel:
    return soortregels_op(op).regels[soort]


# R58: the hourly amount is per hour at the workplace; a month has 52/12 weeks.
WEKEN_PER_MAAND = Decimal(52) / Decimal(12)


# R44: dual learning in secondary education is for learners of 15 to 25.
SECUNDAIR_LEEFTIJDEN = (15, 25)


def leeftijdsgrenzen(soort: str, *, op: dt.date) -> tuple[int, int | None]:
    """The ages a learner may be registered at for a programme of this type: 15 to 25 in
    secondary education (R44); the type's own in adult education (None: no maximum)."""
    regel = soortregel(soort, op=op)
    if regel.volwassenen:
        return regel.min_leeftijd or VOLWASSEN, regel.max_leeftijd
    return SECUNDAIR_LEEFTIJDEN


def betaalt_ggmmi(soort: str, *, op: dt.date) -> bool:
    return soortregel(soort, op=op).vergoeding == Vergoeding.GGMMI


def uurbedrag_tekst(bedrag: Decimal, *, op: dt.date | None = None) -> str:
    """The form's line for an allowance by the hour (R58)."""
    uurbedrag = soortregels_op(op or dt.date.today()).uurbedrag_odo
    return _(
        "%(bedrag)s per month: the workplace hours at the minimum of %(uur)s an hour, "
        "over 52 weeks a year."
    ) % {"bedrag": _euro(bedrag), "uur": _euro(uurbedrag)}


def _euro(bedrag: Decimal) -> str:
    # As presenter.euro; not imported from there, the presenter reads this module.
    geheel, decimalen = f"{bedrag:,.2f}".split(".")
    return f"€ {geheel.replace(',', '.')},{decimalen}"


@dataclass(frozen=True)
class Keuze:
    """A type the coach may draw up for this employer: the programme's own, or a named
    alternative the employer's confirmed sector opens (`uren_per_week` fixed)."""

    soort: str
    naam: str
    uren_per_week: Decimal | None = None

    @property
    def label(self) -> str:
        eigen = str(Overeenkomsttype(self.soort).label)
        if not self.naam:
            return eigen
        return _("%(naam)s: %(soort)s, %(uren)s hours a week") % {
            "naam": self.naam,
            "soort": eigen,
            "uren": f"{self.uren_per_week:g}".replace(".", ","),
        }


def soort_keuzes(
    *,
    opleiding: Opleiding,
    onderneming: Onderneming | None,
    op: dt.date | dt.datetime,
    regels: Programmaregels | None = None,
) -> list[Keuze]:
    """The programme's type first, then every alternative the employer's confirmed sectors
    open (R55, R56). Only a programme whose rules name alternatives asks for the sectors."""
    keuzes = [Keuze(opleiding.overeenkomsttype, "")]
    regels = regels or opleidingsregels_voor(opleiding, op=op)
    if not regels.alternatieven or onderneming is None:
        return keuzes
    sectoren = bevestigde_sectoren(
        onderneming_id=onderneming.pk, partnerschap_id=opleiding.partnerschap_id
    )
    for alternatief in regels.alternatieven:
        if sectoren.intersection(alternatief.sectoren) and alternatief.soort not in {
            k.soort for k in keuzes
        }:
            keuzes.append(Keuze(alternatief.soort, alternatief.naam, alternatief.uren_per_week))
    return keuzes


def _uren(aantal: Decimal) -> str:
    return f"{aantal:g}".replace(".", ",")


def _band(regel: SoortRegel, uren: Decimal) -> list[str]:
    label = str(Overeenkomsttype(regel.soort).label)
    if regel.max_uren is not None and uren >= regel.max_uren:
        return [
            _(
                "A %(soort)s has less than %(n)s workplace hours a week in adult education; "
                "this agreement says %(uren)s."
            )
            % {"soort": label, "n": _uren(regel.max_uren), "uren": _uren(uren)}
        ]
    if regel.min_uren is not None and uren < regel.min_uren:
        return [
            _(
                "A %(soort)s has at least %(n)s workplace hours a week in adult education; "
                "this agreement says %(uren)s."
            )
            % {"soort": label, "n": _uren(regel.min_uren), "uren": _uren(uren)}
        ]
    return []


def soort_fouten(
    *,
    opleiding: Opleiding,
    vestiging: Vestiging,
    soort: str,
    werkplekuren: Decimal,
    leeftijd: int,
    start: dt.date,
    in_dienst_sinds: dt.date | None,
    regels: Programmaregels,
) -> list[str]:
    """Every reason why this agreement may not take this type (empty: allowed). `regels`: the
    programme's rules in force when the agreement was sent, or now for a draft. The
    programme's own type of secondary education asks nothing here (no query): its hours stay
    in controles.py."""
    eigen = soort == opleiding.overeenkomsttype
    if eigen and soort not in VOLWASSENENSOORTEN:
        return []
    fouten: list[str] = []
    onderneming = vestiging.onderneming
    if not eigen:
        keuze = next(
            (
                k
                for k in soort_keuzes(
                    opleiding=opleiding, onderneming=onderneming, op=start, regels=regels
                )
                if k.soort == soort
            ),
            None,
        )
        if keuze is None:
            return [
                _(
                    "The programme's contract type is fixed: %(type)s. A %(soort)s is only "
                    "possible where the programme's rules allow it for the employer's sector "
                    "and %(partnerschap)s confirmed that sector for %(onderneming)s."
                )
                % {
                    "type": Overeenkomsttype(opleiding.overeenkomsttype).label,
                    "soort": Overeenkomsttype(soort).label,
                    "partnerschap": opleiding.partnerschap,
                    "onderneming": onderneming.naam,
                }
            ]
        if keuze.uren_per_week is not None and werkplekuren != keuze.uren_per_week:
            fouten.append(
                _("%(naam)s is %(n)s workplace hours a week; this agreement says %(uren)s.")
                % {
                    "naam": keuze.naam,
                    "n": _uren(keuze.uren_per_week),
                    "uren": _uren(werkplekuren),
                }
            )
    regel = soortregel(soort, op=start)
    fouten += _band(regel, werkplekuren)
    label = Overeenkomsttype(soort).label
    if regel.min_leeftijd is not None and leeftijd < regel.min_leeftijd:
        fouten.append(
            _(
                "A %(soort)s is for learners of %(n)s and over; on the start date the "
                "learner is %(l)s."
            )
            % {"soort": label, "n": regel.min_leeftijd, "l": leeftijd}
        )
    if regel.max_leeftijd is not None and leeftijd > regel.max_leeftijd:
        fouten.append(
            _("A %(soort)s is for learners up to %(n)s; on the start date the learner is %(l)s.")
            % {"soort": label, "n": regel.max_leeftijd, "l": leeftijd}
        )
    aandeel = regels.werkplekaandeel_procent
    if regel.min_werkplekaandeel is not None and aandeel is not None:
        if aandeel < regel.min_werkplekaandeel:
            fouten.append(
                _(
                    "A %(soort)s has at least %(n)s %% of the training time at the workplace; "
                    "the programme states %(aandeel)s %%."
                )
                % {"soort": label, "n": regel.min_werkplekaandeel, "aandeel": aandeel}
            )
    if regel.eigen_werkgever:
        if in_dienst_sinds is None:
            fouten.append(
                _(
                    "A %(soort)s is done at the learner's own employer: enter since when the "
                    "learner works for %(onderneming)s."
                )
                % {"soort": label, "onderneming": onderneming.naam}
            )
        elif in_dienst_sinds > start:
            fouten.append(
                _(
                    "A %(soort)s is done at the learner's own employer: the learner must work "
                    "for %(onderneming)s before the start date, not from %(d)s."
                )
                % {
                    "soort": label,
                    "onderneming": onderneming.naam,
                    "d": in_dienst_sinds.strftime("%d/%m/%Y"),
                }
            )
    return fouten


__all__ = [
    "VERSIES",
    "VOLWASSENENSOORTEN",
    "Keuze",
    "SoortRegel",
    "SoortRegels",
    "Vergoeding",
    "betaalt_ggmmi",
    "leeftijdsgrenzen",
    "soort_fouten",
    "soort_keuzes",
    "soortregel",
    "soortregels_op",
    "uurbedrag_tekst",
]
