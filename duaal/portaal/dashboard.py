"""The role dashboard: sections of "what needs my action", contributed by each app.

Domain apps register providers in their AppConfig.ready(), so `duaal` imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.functional import Promise

from duaal.accounts.actor import Actor
from duaal.accounts.models import User


def datum(dag: date) -> str:
    """A date as every dashboard line writes it."""
    return dag.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Actiepunt:
    titel: str | Promise
    url: str
    toelichting: str | Promise = ""
    termijn: str = ""
    # The term has passed: its badge takes the overdue colour, apart from "due soon"; the
    # `termijn` text says so in words too.
    te_laat: bool = False


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

# The query plan of a dashboard page (docs/architecture.md): the request itself costs
# REQUEST_QUERIES (the session; the user with its memberships), each provider at most the
# `queries` it registers with, whatever the number of rows, and a role's page at most
# PAGE_BUDGET in all. tests/test_dashboard.py measures every provider against its budget.
REQUEST_QUERIES = 2
PAGE_BUDGET = 12


@dataclass(frozen=True)
class Registration:
    provider: Provider
    queries: int


_providers: dict[str, list[Registration]] = {}


def register(*rollen: str, queries: int) -> Callable[[Provider], Provider]:
    """Register a provider of dashboard sections for the given roles, with its query budget."""

    def decorator(provider: Provider) -> Provider:
        for rol in rollen:
            _providers.setdefault(rol, []).append(Registration(provider, queries))
        return provider

    return decorator


def registrations_for(rol: str) -> list[Registration]:
    return list(_providers.get(rol, []))


def page_queries_for(rol: str) -> int:
    """The most queries a role's dashboard may run: the request plus every provider's budget."""
    return REQUEST_QUERIES + sum(r.queries for r in _providers.get(rol, []))


# Where a person without a membership goes instead of the dashboard (e.g. a learner to their
# own dossier): each app registers a function that names its page for this person, or None.
PersonalPage = Callable[[User], str | None]
_personal_pages: list[PersonalPage] = []


def register_personal_page(page: PersonalPage) -> PersonalPage:
    """Register a page for persons who act for no organisation (no membership)."""
    _personal_pages.append(page)
    return page


def personal_page_for(user: User) -> str | None:
    """The first registered page that is there for this person, or None."""
    return next((url for page in _personal_pages if (url := page(user)) is not None), None)


def secties_voor(actor: Actor, now: datetime) -> list[Sectie]:
    secties = [s for r in _providers.get(actor.rol or "", []) for s in r.provider(actor, now)]
    return sorted(secties, key=lambda s: s.volgorde)
