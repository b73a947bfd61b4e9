"""Two employers' staff deactivate the last two valid mentors of a place at the same moment:
the place still has to be reported as without a valid mentor (R43). Real transactions."""

import datetime as dt
import threading

import pytest

from django.db import connection

from duaal.meldingen.models import Melding
from mentors.selectors import heeft_geldige_mentor
from mentors.services import register, toewijzing_deactiveren
from tests.support import als, moment

from .factories import geldige_toewijzing

NU = moment(dt.date(2026, 10, 1))


def _gelijktijdig(monkeypatch, toewijzingen, door) -> list[BaseException]:
    """Deactivate each designation in its own thread and transaction; both check the place
    only after both have deactivated their own row (the race window, made certain)."""
    samen = threading.Barrier(len(toewijzingen), timeout=3)
    echte_controle = register.heeft_geldige_mentor

    def na_elkaars_update(*args, **kwargs):
        try:
            samen.wait()
        except threading.BrokenBarrierError:
            pass  # a fix that serialises the place blocks the other thread: go on alone
        return echte_controle(*args, **kwargs)

    monkeypatch.setattr(register, "heeft_geldige_mentor", na_elkaars_update)
    fouten: list[BaseException] = []

    def deactiveer(toewijzing) -> None:
        try:
            toewijzing_deactiveren(toewijzing=toewijzing, reden="Uit dienst.", door=door, now=NU)
        except BaseException as fout:  # noqa: BLE001 - reported to the test thread
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=deactiveer, args=(t,)) for t in toewijzingen]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=20)
    return fouten


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deactivations_still_report_the_place_without_mentor(
    plaats, monkeypatch
) -> None:
    plek = {
        "mentor__onderneming": plaats.onderneming,
        "vestiging": plaats.vestiging,
        "opleiding": plaats.opleiding,
    }
    toewijzingen = [geldige_toewijzing(**plek), geldige_toewijzing(**plek)]
    assert _gelijktijdig(monkeypatch, toewijzingen, als(plaats.werkgever)) == []
    assert not heeft_geldige_mentor(plaats.vestiging, plaats.opleiding, op=NU.date())
    gemeld = Melding.objects.filter(event_key__contains=":zonder-mentor:")
    assert gemeld.filter(e_mail=plaats.werkgever.email).count() == 1
