"""Every state-changing service has one guard beside it, and starts by refusing on it (G26).

A public service is a callable in a services package's `__all__`. Each is either a guard
(`kan_*`, returning `Refusals`), a service declared with `@guarded_by(kan_...)` that calls its
guard, or a beat sweep declared with `@system_sweep`. Reads belong in selectors."""

import importlib
import inspect
from types import FunctionType

import pytest

from duaal.accounts.actor import SYSTEM
from duaal.workflow import Refusals

SERVICE_PACKAGES = [
    "duaal.accounts.services",
    "duaal.organisaties.services",
    "mentors.services",
    "erkenning.services",
    "overeenkomsten.services",
]


def _public(package: str) -> list[tuple[str, object]]:
    module = importlib.import_module(package)
    names = getattr(module, "__all__", None)
    assert names, f"{package} lists its public services in __all__"
    return [(name, getattr(module, name)) for name in names]


def _services() -> list[tuple[str, str, FunctionType]]:
    return [
        (package, name, obj)
        for package in SERVICE_PACKAGES
        for name, obj in _public(package)
        if isinstance(obj, FunctionType) and not name.startswith("kan_")
    ]


@pytest.mark.parametrize(("package", "name", "service"), _services())
def test_every_public_service_declares_a_guard_or_is_a_sweep(package, name, service) -> None:
    guard = getattr(service, "guard", None)
    if getattr(service, "is_sweep", False):
        assert guard is None, f"{name}: a sweep acts as the system and has no guard"
        return
    assert guard is not None, f"{package}.{name} changes state without a guard (G26)"
    assert guard.__name__.startswith("kan_"), f"{name}: its guard is named kan_<action>"
    assert guard.__name__ in importlib.import_module(package).__all__, (
        f"{guard.__name__} is public beside {name}, so views and dashboards can ask it"
    )
    assert f"{guard.__name__}(" in inspect.getsource(inspect.unwrap(service)), (
        f"{name} starts by refusing on {guard.__name__}"
    )


@pytest.mark.parametrize(
    ("package", "name", "guard"),
    [
        (package, name, obj)
        for package in SERVICE_PACKAGES
        for name, obj in _public(package)
        if name.startswith("kan_")
    ],
)
def test_guards_take_the_actor_and_now(package, name, guard) -> None:
    parameters = inspect.signature(guard).parameters
    assert "door" in parameters and parameters["door"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "now" in parameters and parameters["now"].kind is inspect.Parameter.KEYWORD_ONLY
    assert inspect.signature(guard).return_annotation in (Refusals, "Refusals")


def test_the_system_actor_holds_every_permission_and_acts_as_nobody() -> None:
    assert SYSTEM.may("erkenning.beslissen").allowed
    assert SYSTEM.audit_user is None


def test_an_actor_may_act_only_under_the_membership_it_acts_for(db) -> None:
    from duaal.accounts import permissions as perms
    from duaal.accounts.actor import Actor
    from duaal.accounts.constants import Rol
    from tests.factories import MembershipFactory, PartnerschapFactory

    eigen, ander = PartnerschapFactory(), PartnerschapFactory()
    consulent = MembershipFactory(organisatie=eigen, rol=Rol.SECTORCONSULENT)
    # The same person is also a consultant of another partnership: acting for the first one,
    # they may not act on what belongs to the second.
    tweede = MembershipFactory(user=consulent.user, organisatie=ander, rol=Rol.SECTORCONSULENT)
    actor = Actor(user=consulent.user, membership=consulent, memberships=[consulent, tweede])

    class Dossier:
        def acting_organisation_ids(self, permission: str) -> set[int]:
            return {ander.pk}

    assert not actor.may(perms.AANVRAAG_BEOORDELEN, Dossier()).allowed
    actor_ander = Actor(user=consulent.user, membership=tweede, memberships=[consulent, tweede])
    assert actor_ander.may(perms.AANVRAAG_BEOORDELEN, Dossier()).allowed
    assert not actor_ander.may(perms.PARTNERSCHAP_BEHEREN, Dossier()).allowed
