"""The role dashboard: sections of "what needs my action", contributed by each app.

Domain apps register providers in their AppConfig.ready(), so `duaal` imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.functional import Promise

from duaal.accounts.actor import Actor


def datum(dag: date) -> str:
    """A date as every dashboard line writes it."""
    return dag.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Actiepunt:
    titel: str | Promise
    url: str
    toelichting: str | Promise = ""
    termijn: str = ""


@dataclass(frozen=True)
class Sectie:
    """A list on the dashboard. Action sections (`actie`) appear only when they hold items;
    when none does, the dashboard says once that nothing needs the user's action.
    Information sections always appear, with `leeg` when they are empty."""

    titel: str | Promise
    leeg: str | Promise
    punten: list[Actiepunt] = field(default_factory=list)
    volgorde: int = 100
    actie: bool = True


Provider = Callable[[Actor, datetime], list[Sectie]]

_providers: dict[str, list[Provider]] = {}


def register(*rollen: str) -> Callable[[Provider], Provider]:
    """Register a provider of dashboard sections for the given roles."""

    def decorator(provider: Provider) -> Provider:
        for rol in rollen:
            _providers.setdefault(rol, []).append(provider)
        return provider

    return decorator


def secties_voor(actor: Actor, now: datetime) -> list[Sectie]:
    secties = [s for provider in _providers.get(actor.rol or "", []) for s in provider(actor, now)]
    return sorted(secties, key=lambda s: s.volgorde)
