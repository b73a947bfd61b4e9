"""Guards (style.md G26): one `kan_<action>()` beside each state-changing service returns every
reason why the action is not possible now, so a form shows them all in one round, and the
service, the view's "not possible" message and a stale POST all ask the same function."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from duaal.exceptions import DomainError


@dataclass(frozen=True)
class Refusals:
    """Why not (`reasons`, in the user's language) and what to mind (`warnings`).

    No reasons means the action is allowed; warnings never refuse."""

    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def message(self) -> str:
        return " ".join(self.reasons)

    def __bool__(self) -> bool:
        # `if refusals:` would read both ways; say `.allowed` instead.
        raise TypeError("Ask Refusals.allowed, not its truth value.")


ALLOWED = Refusals()

Check = str | None | Refusals | Iterable[str]


def refusals(*checks: Check, warnings: Iterable[str] = ()) -> Refusals:
    """Collect checks into one `Refusals`: a string is a reason, None passes, a `Refusals`
    adds its reasons and warnings, any other iterable adds each string in it."""
    reasons: list[str] = []
    collected_warnings: list[str] = list(warnings)
    for check in checks:
        if check is None:
            continue
        if isinstance(check, Refusals):
            reasons.extend(check.reasons)
            collected_warnings.extend(check.warnings)
        elif isinstance(check, str):
            if check:
                reasons.append(check)
        else:
            reasons.extend(reason for reason in check if reason)
    return Refusals(tuple(dict.fromkeys(reasons)), tuple(dict.fromkeys(collected_warnings)))


def refuse_if(condition: bool, reason: str) -> str | None:
    """The reason when `condition` holds, else None: a check for `refusals()`."""
    return reason if condition else None


class Refused(DomainError):
    """A guard said no; `reasons` holds every reason, `message` joins them."""

    def __init__(self, refused: Refusals) -> None:
        super().__init__(refused.message)
        self.reasons = refused.reasons


def refuse_unless(refused: Refusals) -> None:
    """Raise `Refused` with every reason unless the guard allows the action."""
    if not refused.allowed:
        raise Refused(refused)


def transition_allowed(
    current: str, new: str, transitions: Mapping[str, Collection[str]], label: str | Promise
) -> str | None:
    """The reason when `current -> new` is not in the app's transitions map, else None.

    `label` is the current status as the user reads it. The map in the app's constants.py is
    the only place a transition is written; guards read it through this check."""
    if new in transitions.get(current, ()):
        return None
    return _("This step is not possible while the status is “%(status)s”.") % {"status": label}


F = TypeVar("F", bound=Callable[..., Any])


def guarded_by(guard: Callable[..., Refusals]) -> Callable[[F], F]:
    """Declare the guard of a state-changing service (G26).

    The service still calls `refuse_unless(guard(...))` first, on the locked row; the
    declaration lets views, dashboards and the guard-coverage test find the guard."""

    def declare(service: F) -> F:
        service.guard = guard  # type: ignore[attr-defined]
        return service

    return declare


def system_sweep(service: F) -> F:
    """Declare a beat sweep: it acts as the system actor over whatever is due, so it has no
    guard of its own; the transitions it makes check their own guard with `SYSTEM`."""
    service.is_sweep = True  # type: ignore[attr-defined]
    return service


def required_text(text: str | None, message: str, error: type[DomainError] = DomainError) -> str:
    """`text` stripped, or `error(message)` when nothing was written (a motivation, a reason):
    each app raises its own error with the words its users know."""
    text = (text or "").strip()
    if not text:
        raise error(message)
    return text
