"""Mandates (R4): an enterprise mandates a school or partnership to file for it, and revokes."""

import pytest

from duaal.accounts.actor import actor_for
from duaal.accounts.constants import Rol
from duaal.exceptions import DomainError
from erkenning.models import Machtiging
from erkenning.services import machtiging_intrekken, machtiging_verlenen
from tests.factories import DepartementFactory, OndernemingFactory, OnderwijsinstellingFactory
from tests.support import als, lid

from .helpers import NU, verbs

pytestmark = pytest.mark.django_db


def _verleen(plaats, gemachtigde):
    return machtiging_verlenen(
        onderneming=plaats.onderneming, gemachtigde=gemachtigde, door=als(plaats.werkgever), now=NU
    )


def test_an_enterprise_mandates_a_school_once_at_a_time(plaats) -> None:
    school = OnderwijsinstellingFactory()
    machtiging = _verleen(plaats, school)
    assert verbs(machtiging) == ["machtiging.verleend"]
    with pytest.raises(DomainError):
        _verleen(plaats, school)
    machtiging_intrekken(machtiging=machtiging, door=als(plaats.werkgever), now=NU)
    assert _verleen(plaats, school).pk != machtiging.pk  # a new mandate after revoking


@pytest.mark.parametrize("factory", [OndernemingFactory, DepartementFactory])
def test_only_a_school_or_a_partnership_can_be_mandated(plaats, factory) -> None:
    with pytest.raises(DomainError):
        _verleen(plaats, factory())


def test_a_mandate_is_revoked_once(plaats) -> None:
    machtiging = _verleen(plaats, plaats.partnerschap)
    machtiging = machtiging_intrekken(machtiging=machtiging, door=als(plaats.werkgever), now=NU)
    assert machtiging.ingetrokken_op == NU
    with pytest.raises(DomainError):
        machtiging_intrekken(machtiging=machtiging, door=als(plaats.werkgever), now=NU)


def test_a_mandate_is_seen_by_both_sides_only(plaats) -> None:
    school = OnderwijsinstellingFactory()
    machtiging = _verleen(plaats, school)
    for user in (plaats.werkgever, lid(school, Rol.TRAJECTBEGELEIDER)):
        assert list(Machtiging.objects.visible_to(actor_for(user))) == [machtiging]
    ander = lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER)
    assert not Machtiging.objects.visible_to(actor_for(ander)).exists()


# The scope: applications (R4) or learners and agreements.


def test_existing_and_default_mandates_cover_applications_only(plaats) -> None:
    machtiging = _verleen(plaats, OnderwijsinstellingFactory())
    assert (machtiging.voor_aanvragen, machtiging.voor_leerlingen) == (True, False)


def test_a_mandate_for_learners_only_does_not_let_the_school_file(plaats) -> None:
    from .helpers import ingevuld

    school = OnderwijsinstellingFactory()
    machtiging_verlenen(
        onderneming=plaats.onderneming,
        gemachtigde=school,
        door=als(plaats.werkgever),
        voor_aanvragen=False,
        voor_leerlingen=True,
        now=NU,
    )
    with pytest.raises(DomainError, match="no mandate of this enterprise for applications"):
        ingevuld(plaats, door=als(lid(school, Rol.TRAJECTBEGELEIDER)), namens=school)


def test_a_mandate_covers_something_and_only_a_school_covers_learners(plaats) -> None:
    with pytest.raises(DomainError, match="Choose what the mandate covers"):
        machtiging_verlenen(
            onderneming=plaats.onderneming,
            gemachtigde=OnderwijsinstellingFactory(),
            door=als(plaats.werkgever),
            voor_aanvragen=False,
        )
    with pytest.raises(DomainError, match="Only a training provider"):
        machtiging_verlenen(
            onderneming=plaats.onderneming,
            gemachtigde=plaats.partnerschap,
            door=als(plaats.werkgever),
            voor_leerlingen=True,
        )
