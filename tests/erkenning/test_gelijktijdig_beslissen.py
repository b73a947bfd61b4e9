"""R4 (quality.md): two consultants decide the same complete application at the same moment.
Real threads, each with its own PostgreSQL connection and transaction: exactly one decision is
stored, 100 runs out of 100, and the other consultant gets a clear message (AlBeslist)."""

import threading

import pytest

from django.db import connection

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from erkenning.constants import AanvraagStatus
from erkenning.exceptions import AlBeslist
from erkenning.models import Aanvraag, Erkenning
from erkenning.services import aanvraag_afwijzen, aanvraag_goedkeuren
from tests.factories import VestigingFactory
from tests.mentors.factories import geldige_toewijzing
from tests.support import als, lid

from .factories import AanvraagFactory
from .helpers import NU

RONDES = 100
# Approve/refuse for consultant A and B; every combination comes by.
KEUZES = [(True, True), (True, False), (False, True), (False, False)]


def _volledige_aanvraag(plaats) -> Aanvraag:
    """A fresh complete file at a fresh establishment with a valid mentor (approval possible)."""
    vestiging = VestigingFactory(onderneming=plaats.onderneming)
    geldige_toewijzing(
        mentor__onderneming=plaats.onderneming, vestiging=vestiging, opleiding=plaats.opleiding
    )
    return AanvraagFactory(volledig=True, vestiging=vestiging, opleiding=plaats.opleiding)


def _tegelijk(aanvraag, beslissers) -> list[object]:
    """Each (user, approve) decides in its own thread; both wait at the barrier first."""
    samen = threading.Barrier(len(beslissers), timeout=10)
    uitkomsten: list[object] = [None] * len(beslissers)

    def beslis(i: int, door, goedkeuren: bool) -> None:
        try:
            samen.wait()
            uitkomsten[i] = (aanvraag_goedkeuren if goedkeuren else aanvraag_afwijzen)(
                aanvraag=aanvraag, motivering="Beslist.", door=door, now=NU
            )
        except BaseException as fout:  # noqa: BLE001 - reported to the test thread
            uitkomsten[i] = fout
        finally:
            connection.close()

    draden = [
        threading.Thread(target=beslis, args=(i, door, keuze))
        for i, (door, keuze) in enumerate(beslissers)
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)
    assert not any(d.is_alive() for d in draden), "a decision hung (deadlock?)"
    return uitkomsten


def _een_beslissing(aanvraag: Aanvraag) -> bool:
    aanvraag.refresh_from_db()
    besluiten = Event.objects.filter(
        object_id=aanvraag.pk,
        content_type__model="aanvraag",
        verb__in=["aanvraag.goedgekeurd", "aanvraag.afgewezen"],
    ).count()
    erkenningen = Erkenning.objects.filter(aanvraag=aanvraag).count()
    verwacht = 1 if aanvraag.status == AanvraagStatus.GOEDGEKEURD else 0
    return besluiten == 1 and erkenningen == verwacht and aanvraag.beslist_op is not None


def _duidelijke_zin(tekst: str) -> bool:
    return (
        tekst[:1].isupper()
        and tekst.endswith(".")
        and len(tekst.split()) >= 6
        and "%(" not in tekst
    )


@pytest.mark.django_db(transaction=True)
def test_two_consultants_deciding_at_once_store_exactly_one_decision(plaats) -> None:
    tweede = lid(plaats.partnerschap, Rol.SECTORCONSULENT)
    geslaagd = 0
    for ronde in range(RONDES):
        aanvraag = _volledige_aanvraag(plaats)
        a, b = KEUZES[ronde % len(KEUZES)]
        uitkomsten = _tegelijk(aanvraag, [(als(plaats.consulent), a), (als(tweede), b)])
        winnaars = [u for u in uitkomsten if isinstance(u, Aanvraag)]
        verliezers = [u for u in uitkomsten if isinstance(u, AlBeslist)]
        assert (len(winnaars), len(verliezers)) == (1, 1), f"ronde {ronde}: {uitkomsten!r}"
        assert _duidelijke_zin(str(verliezers[0])), str(verliezers[0])
        assert _een_beslissing(aanvraag), f"ronde {ronde}: not exactly one decision stored"
        geslaagd += 1
    print(f"REL4: {geslaagd}/{RONDES} runs one decision")
