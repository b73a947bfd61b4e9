"""Shared by the recognition screen tests (test_erkenning_screens_*.py): the roles, today's
date and the address of an object's screen."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag

VERT, MEDEW, TRAJ = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, Rol.TRAJECTBEGELEIDER
CONS, BEHEER, PLATFORM = Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER, Rol.PLATFORMBEHEERDER


def _vandaag() -> dt.date:
    return vandaag(timezone.now())


def url(name: str, obj) -> str:
    return reverse(f"erkenning:{name}", kwargs={"public_id": obj.public_id})
