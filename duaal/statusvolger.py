"""The status tracker a dossier page shows: the steps of its procedure, read from the app's
transitions map, each done, current or next, with the day it was done and the deadline that
runs for the current step.

The procedure is the shortest way through the map from its first status to its happy end; a
status off that way (a detour such as "incomplete", or an exit such as "refused") is shown
where the file left the way, as the current step. Each app builds its trackers in its own
`statusvolger.py` from what its view already loaded, so a tracker costs the page no query.
"""

import datetime as dt
from collections import deque
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from duaal.termijnen import vandaag


class Toestand(StrEnum):
    GEDAAN = "gedaan"
    HUIDIG = "huidig"
    VOLGEND = "volgend"


class TermijnStand(StrEnum):
    LOOPT = "loopt"
    NADERT = "nadert"
    TE_LAAT = "te_laat"


@dataclass(frozen=True)
class Termijn:
    """A deadline running for the current step; `label` holds `%(d)s` for the date."""

    uiterlijk: dt.date
    label: Any
    stand: TermijnStand = TermijnStand.LOOPT

    @property
    def tekst(self) -> str:
        return str(self.label) % {"d": self.uiterlijk.strftime("%d/%m/%Y")}

    @property
    def te_laat(self) -> bool:
        return self.stand == TermijnStand.TE_LAAT

    @property
    def te_laat_sinds(self) -> dt.date:
        """A term ends at the close of its last day (design.md 4): late from the next one."""
        return self.uiterlijk + dt.timedelta(days=1)


@dataclass(frozen=True)
class Stap:
    status: str
    label: Any
    toestand: Toestand
    op: dt.date | None = None
    termijn: Termijn | None = None


@dataclass(frozen=True)
class Statusvolger:
    stappen: list[Stap]

    @property
    def huidig(self) -> Stap:
        return next(s for s in self.stappen if s.toestand == Toestand.HUIDIG)


class HeeftMoment(Protocol):
    verb: str
    at: dt.datetime


def dag_van(moment: dt.datetime | dt.date | None) -> dt.date | None:
    """The day in Brussels of a stored timestamp (a date stays itself)."""
    if moment is None or not isinstance(moment, dt.datetime):
        return moment
    return vandaag(moment)


def laatst(timeline: Iterable[HeeftMoment], verb: str) -> dt.date | None:
    """The day of the newest event with `verb` in a timeline (newest first, as
    `duaal.audit.selectors.timeline_for` returns it), or None."""
    return next((vandaag(e.at) for e in timeline if e.verb == verb), None)


def termijn(
    uiterlijk: dt.date, *, label: Any, op: dt.date, nadert_tot: dt.date | None = None
) -> Termijn:
    """A deadline on `op`: late once its day has passed; due soon up to `nadert_tot`."""
    if uiterlijk < op:
        stand = TermijnStand.TE_LAAT
    elif nadert_tot is not None and uiterlijk <= nadert_tot:
        stand = TermijnStand.NADERT
    else:
        stand = TermijnStand.LOOPT
    return Termijn(uiterlijk, label, stand)


def procedure(transitions: Mapping[str, Collection[str]], start: str, einde: str) -> list[str]:
    """The shortest way from `start` to `einde` that the transitions map allows."""
    vorige: dict[str, str | None] = {start: None}
    wachtrij = deque([start])
    while wachtrij:
        status = wachtrij.popleft()
        if status == einde:
            pad = [status]
            while (terug := vorige[pad[-1]]) is not None:
                pad.append(terug)
            return pad[::-1]
        for volgende in sorted(transitions.get(status, ())):
            if volgende not in vorige:
                vorige[volgende] = status
                wachtrij.append(volgende)
    raise ValueError(f"the transitions map leads nowhere from {start!r} to {einde!r}")


def _vertrek(
    pad: list[str], status: str, transitions: Mapping[str, Collection[str]], gedaan_op: Mapping
) -> int:
    """Where a file off the way left it: the furthest step done that leads to its status."""
    bronnen = [i for i, s in enumerate(pad) if status in transitions.get(s, ())]
    kandidaten = bronnen or list(range(len(pad)))
    gedaan = [i for i in kandidaten if i == 0 or gedaan_op.get(pad[i]) is not None]
    return max(gedaan, default=kandidaten[0])


def statusvolger(
    *,
    transitions: Mapping[str, Collection[str]],
    start: str,
    einde: str,
    status: str,
    labels: Mapping[str, Any],
    gedaan_op: Mapping[str, dt.date | None],
    termijn: Termijn | None = None,
) -> Statusvolger:
    """The tracker of a file in `status`; `gedaan_op` the day each status was reached (from
    the model's timestamps or the audit trail), `termijn` the deadline the current step runs."""
    pad = procedure(transitions, start, einde)
    if status in pad:
        i = pad.index(status)
        voor, na = pad[:i], pad[i + 1 :]
    else:
        i = _vertrek(pad, status, transitions, gedaan_op)
        # An exit ends the procedure; after a detour the way goes on.
        voor, na = pad[: i + 1], (pad[i + 1 :] if transitions.get(status) else [])
    stappen = [Stap(s, labels[s], Toestand.GEDAAN, gedaan_op.get(s)) for s in voor]
    stappen.append(Stap(status, labels[status], Toestand.HUIDIG, gedaan_op.get(status), termijn))
    stappen += [Stap(s, labels[s], Toestand.VOLGEND) for s in na]
    return Statusvolger(stappen)
