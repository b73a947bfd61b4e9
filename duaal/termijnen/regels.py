"""Every legal term as data, and one function that computes its last day.

A term says what starts it, how long it runs and in what unit, and where the rule comes from
(a rule id of domain.md, or "interpretation"). Two readings domain.md does not give are kept as
dated data (`Interpretatie`): which terms end on the next working day when their last day is a
Saturday, Sunday or Belgian public holiday, and when a notice counts as received. The version in
force on the day a term starts applies to it, so a later change leaves running terms alone;
settings.TERMIJN_INTERPRETATIES replaces the versions below.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings

from .dagen import eerstvolgende_werkdag, na_werkdagen, plus_maanden
from .opleidingsdagen import na_opleidingsdagen


class Eenheid(StrEnum):
    KALENDERDAGEN = "kalenderdagen"
    WERKDAGEN = "werkdagen"
    OPLEIDINGSDAGEN = "opleidingsdagen"
    MAANDEN = "maanden"


class Kennisgeving(StrEnum):
    """How a decision's written notice reaches the enterprise."""

    PORTAAL = "portaal"  # made available in the portal and mailed, the same moment
    POST = "post"


@dataclass(frozen=True)
class Termijn:
    naam: str
    startmoment: str  # the event that starts the term, for the reader and the README table
    lengte: int  # the rule's length; a partnership setting (`instelbaar`) may replace it
    eenheid: Eenheid
    bron: str  # the rule id in domain.md, or "interpretation"
    # R48 counts the start day as training day 1; every other term starts counting the day
    # after its event (art. 52 of the Judicial Code: the day of the event is not counted).
    startdag_telt: bool = False
    instelbaar: str = ""


@dataclass(frozen=True)
class Interpretatie:
    """The readings in force from `geldig_vanaf` on."""

    geldig_vanaf: dt.date
    # Terms whose last day moves off a weekend or Belgian public holiday (art. 53 Judicial Code).
    verschoven: frozenset[str]
    # A notice made available in the portal and mailed counts as received this many days later.
    ontvangst_portaal_dagen: int
    # A notice by post counts as received on this working day after posting (art. 53bis).
    ontvangst_post_werkdagen: int


# The terms, in the order of the procedures.
BESLISSING = Termijn(
    "beslissing",
    "the day the file is found complete",
    14,
    Eenheid.KALENDERDAGEN,
    "R16",
    instelbaar="decision term (days)",
)
BESLISSING_HERINNERING = Termijn(
    "beslissing_herinnering",
    "the sweep's day: the consultants are reminded of decisions due up to its end",
    3,
    Eenheid.KALENDERDAGEN,
    "interpretation",
    instelbaar="reminder before the decision term (days)",
)
ONTVANGST_PORTAAL = Termijn(
    "ontvangst_portaal",
    "the day the decision is made available in the portal and mailed",
    0,
    Eenheid.KALENDERDAGEN,
    "interpretation",
)
ONTVANGST_POST = Termijn(
    "ontvangst_post", "the day the notice is posted", 3, Eenheid.WERKDAGEN, "interpretation"
)
BEROEP = Termijn(
    "beroep",
    "receipt of the written notice of a refusal or sanction",
    10,
    Eenheid.KALENDERDAGEN,
    "R27",
    instelbaar="appeal term (days)",
)
BEROEP_ONTVANGST = Termijn(
    "beroep_ontvangst",
    "the day the appeal is lodged",
    10,
    Eenheid.KALENDERDAGEN,
    "R29",
)
GELDIGHEID = Termijn(
    "geldigheid",
    "the decision that grants the recognition",
    60,
    Eenheid.MAANDEN,
    "R19",
    instelbaar="validity of a recognition (years)",
)
HERNIEUWING_HERINNERING = Termijn(
    "hernieuwing_herinnering",
    "the sweep's day: recognitions ending up to its end are reminded (180, 90 and 30 days)",
    180,
    Eenheid.KALENDERDAGEN,
    "R20",
)
MENTOROPLEIDING = Termijn(
    "mentoropleiding",
    "the mentor's first designation under the partnership",
    12,
    Eenheid.MAANDEN,
    "R37-R38",
    instelbaar="mentor training deadline (months)",
)
MENTOROPLEIDING_PLANNEN = Termijn(
    "mentoropleiding_plannen",
    "the mentor's first designation under the partnership",
    3,
    Eenheid.MAANDEN,
    "R38",
    instelbaar="mentor training to be planned within (months)",
)
MENTOROPLEIDING_HERINNERING = Termijn(
    "mentoropleiding_herinnering",
    "the sweep's day: trainings due up to its end are reminded",
    30,
    Eenheid.KALENDERDAGEN,
    "interpretation",
    instelbaar="reminder before a mentor training deadline (days)",
)
OVEREENKOMST_SLUITEN = Termijn(
    "overeenkomst_sluiten",
    "the day lessons start, or the day after an agreement ended early",
    20,
    Eenheid.OPLEIDINGSDAGEN,
    "R48",
    startdag_telt=True,
)
OVEREENKOMST_SLUITEN_HERINNERING = Termijn(
    "overeenkomst_sluiten_herinnering",
    "the sweep's day: windows ending within it are reminded to the coach",
    5,
    Eenheid.OPLEIDINGSDAGEN,
    "interpretation",
    startdag_telt=True,
)
OVEREENKOMST_DUUR = Termijn(
    "overeenkomst_duur", "the agreement's start date", 36, Eenheid.MAANDEN, "R60"
)

TERMIJNEN: tuple[Termijn, ...] = (
    BESLISSING,
    BESLISSING_HERINNERING,
    ONTVANGST_PORTAAL,
    ONTVANGST_POST,
    BEROEP,
    BEROEP_ONTVANGST,
    GELDIGHEID,
    HERNIEUWING_HERINNERING,
    MENTOROPLEIDING,
    MENTOROPLEIDING_PLANNEN,
    MENTOROPLEIDING_HERINNERING,
    OVEREENKOMST_SLUITEN,
    OVEREENKOMST_SLUITEN_HERINNERING,
    OVEREENKOMST_DUUR,
)

# Since the mentor rules of 1 September 2019, the earliest start of any term the portal keeps.
# The decision's notice is in the portal and in the mailbox the moment it is taken, so that day
# is the day of receipt; the ten days then count from the next day (art. 52 Judicial Code), as
# art. 53bis does for a notice received electronically. By post: the third working day after
# posting (art. 53bis, 2°).
INTERPRETATIES: tuple[Interpretatie, ...] = (
    Interpretatie(
        geldig_vanaf=dt.date(2019, 9, 1),
        verschoven=frozenset({BEROEP.naam, MENTOROPLEIDING.naam, MENTOROPLEIDING_PLANNEN.naam}),
        ontvangst_portaal_dagen=0,
        ontvangst_post_werkdagen=3,
    ),
)


def _uit_instelling(versie: Interpretatie | Mapping[str, Any]) -> Interpretatie:
    if not isinstance(versie, Interpretatie):
        versie = Interpretatie(
            geldig_vanaf=dt.date.fromisoformat(str(versie["geldig_vanaf"])),
            verschoven=frozenset(versie["verschoven"]),
            ontvangst_portaal_dagen=int(versie["ontvangst_portaal_dagen"]),
            ontvangst_post_werkdagen=int(versie["ontvangst_post_werkdagen"]),
        )
    # A misspelt term name would silently leave that term unmoved.
    onbekend = versie.verschoven - {t.naam for t in TERMIJNEN}
    if onbekend:
        raise ValueError(f"TERMIJN_INTERPRETATIES names unknown terms: {sorted(onbekend)}")
    return versie


def interpretaties() -> list[Interpretatie]:
    """The versions in force, oldest first: the settings' when given, else the code's."""
    eigen: Iterable[Interpretatie | Mapping[str, Any]] | None = getattr(
        settings, "TERMIJN_INTERPRETATIES", None
    )
    versies = [_uit_instelling(v) for v in eigen] if eigen else list(INTERPRETATIES)
    return sorted(versies, key=lambda v: v.geldig_vanaf)


def interpretatie_op(dag: dt.date) -> Interpretatie:
    """The version in force on `dag` (before the first one: the first one)."""
    versies = interpretaties()
    geldig = [v for v in versies if v.geldig_vanaf <= dag]
    return geldig[-1] if geldig else versies[0]


def verschuift(termijn: Termijn, start: dt.date) -> bool:
    """Whether the term started on `start` ends on the next working day when its last day is
    a Saturday, Sunday or Belgian public holiday."""
    return termijn.naam in interpretatie_op(start).verschoven


def einde(termijn: Termijn, start: dt.date, *, lengte: int | None = None) -> dt.date:
    """The last day of `termijn` whose event happened on `start`.

    :param lengte: the partnership's setting where it has one (`termijn.instelbaar`).
    """
    n = termijn.lengte if lengte is None else lengte
    if termijn.eenheid == Eenheid.KALENDERDAGEN:
        laatste = start + dt.timedelta(days=n - 1 if termijn.startdag_telt else n)
    elif termijn.eenheid == Eenheid.WERKDAGEN:
        vanaf = start - dt.timedelta(days=1) if termijn.startdag_telt else start
        laatste = na_werkdagen(vanaf, n)
    elif termijn.eenheid == Eenheid.OPLEIDINGSDAGEN:
        vanaf = start if termijn.startdag_telt else start + dt.timedelta(days=1)
        laatste = na_opleidingsdagen(vanaf, n)
    else:
        laatste = plus_maanden(start, n)
    return eerstvolgende_werkdag(laatste) if verschuift(termijn, start) else laatste


def ontvangen_op(verzonden: dt.date, *, wijze: Kennisgeving = Kennisgeving.PORTAAL) -> dt.date:
    """The day a notice made available (portal) or posted on `verzonden` counts as received."""
    versie = interpretatie_op(verzonden)
    if wijze == Kennisgeving.POST:
        return einde(ONTVANGST_POST, verzonden, lengte=versie.ontvangst_post_werkdagen)
    return einde(ONTVANGST_PORTAAL, verzonden, lengte=versie.ontvangst_portaal_dagen)
