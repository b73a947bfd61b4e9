"""The demo data: one login per role, and loading it again changes nothing."""

import pytest

from django.contrib.auth import authenticate

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.organisaties.models import Organisatie, Vestiging
from duaal.portaal.demo import DEMO_WACHTWOORD, demo_data_laden

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (User, Membership, Organisatie, Vestiging))


def test_loading_the_demo_twice_changes_nothing() -> None:
    demo_data_laden()
    first = _counts()
    demo_data_laden()
    assert _counts() == first


def test_every_role_but_read_only_staff_has_a_demo_login() -> None:
    logins = demo_data_laden()
    assert len(logins) == len(Rol) - 1
    for login in logins:
        assert authenticate(username=login.email, password=DEMO_WACHTWOORD) is not None
