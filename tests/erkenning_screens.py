"""Shared by the recognition screen tests (test_erkenning_screens_*.py): the roles, today's
date and the address of an object's screen."""

from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.views import vandaag_nu as _vandaag  # noqa: F401 - for the screen tests

VERT, MEDEW, TRAJ = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, Rol.TRAJECTBEGELEIDER
CONS, BEHEER, PLATFORM = Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER, Rol.PLATFORMBEHEERDER


def url(name: str, obj) -> str:
    return reverse(f"erkenning:{name}", kwargs={"public_id": obj.public_id})
