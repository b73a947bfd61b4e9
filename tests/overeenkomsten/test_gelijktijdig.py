"""Concurrency on real PostgreSQL: real threads, each with its own connection and transaction.
- Two coaches draft overlapping agreements for one learner at the same moment and both send
  them: exactly one gets past the overlap guard (R48: one agreement at a time).
- The learner's approval link is clicked twice at once: one approval is stored.
- Two agreements are sent, or changed over to one mentor, at once while that mentor has one
  place left under the partnership's cap (R40): one gets through.
Each scenario runs many rounds, because a race shows itself only now and then."""

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from functools import partial

import pytest

from django.db import connection
from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.workflow import Refused
from overeenkomsten.constants import OvereenkomstStatus, Partij
from overeenkomsten.exceptions import OngeldigeLink
from overeenkomsten.models import Ggmmi, Goedkeuring, Overeenkomst
from overeenkomsten.services import (
    Bezwaren,
    Inhoud,
    goedkeuren_via_link,
    overeenkomst_opstellen,
    overeenkomst_versturen,
    overeenkomst_wijzigen,
)
from overeenkomsten.tasks import overeenkomst_pdf_task
from tests.factories import ToewijzingFactory, UittrekselFactory

from .conftest import NU, ROOSTER, als, lid, link

RONDES = 25


@pytest.fixture
def ruim(traject, monkeypatch):
    """The traject with room for every round's learner at the one mentor, and the GGMMI that a
    transactional test before this one may have flushed with the rest of the data. Commits are
    real here, so the after-commit PDF render would run each round: not what is tested."""
    monkeypatch.setattr(overeenkomst_pdf_task, "delay", lambda *args, **kwargs: None)
    Ggmmi.objects.get_or_create(geldig_vanaf=dt.date(2024, 5, 1), bedrag=Decimal("2070.48"))
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1000
    partnerschap.save()
    return traject


def _tegelijk(*stappen: Callable[[], object]) -> list[object]:
    """Run each step in its own thread, all released at once; return results or exceptions."""
    samen = threading.Barrier(len(stappen), timeout=10)
    uitkomsten: list[object] = [None] * len(stappen)

    def draai(i: int, stap: Callable[[], object]) -> None:
        try:
            samen.wait()
            with translation.override("en"):  # the active language is per thread
                uitkomsten[i] = stap()
        except BaseException as fout:  # noqa: BLE001 - reported to the test thread
            uitkomsten[i] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, s)) for i, s in enumerate(stappen)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)
    assert not any(d.is_alive() for d in draden), "a step hung (deadlock?)"
    return uitkomsten


def _opstellen(traject, leerling, door, start: dt.date, einde: dt.date):
    return lambda: overeenkomst_opstellen(
        leerling=leerling,
        vestiging=traject.vestiging,
        inhoud=Inhoud(
            toewijzing=traject.toewijzing,
            start=start,
            einde=einde,
            werkplekuren_per_week=Decimal(24),
            opleidingsplan="Competenties.",
            blokken=ROOSTER,
        ),
        door=als(door),
        now=NU,
    )


def _geldige_toewijzing(traject):
    """A mentor assignment that meets every condition, at the traject's workplace."""
    toewijzing = ToewijzingFactory(
        mentor__onderneming=traject.onderneming,
        vestiging=traject.vestiging,
        opleiding=traject.opleiding,
        aanvaard=True,
    )
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=traject.werkgever)
    return toewijzing


@pytest.mark.django_db(transaction=True)
def test_two_coaches_sending_overlapping_agreements_at_once_get_one_past_the_guard(ruim):
    traject = ruim
    collega = lid(traject.school, Rol.TRAJECTBEGELEIDER)
    for ronde in range(RONDES):
        leerling = traject.leerling(volgnummer=100 + ronde)
        ontwerpen = _tegelijk(
            _opstellen(
                traject, leerling, traject.coach, dt.date(2026, 10, 1), dt.date(2028, 6, 30)
            ),
            _opstellen(traject, leerling, collega, dt.date(2027, 1, 4), dt.date(2028, 8, 31)),
        )
        assert all(isinstance(o, Overeenkomst) for o in ontwerpen), ontwerpen
        uitkomsten = _tegelijk(
            *(
                partial(overeenkomst_versturen, overeenkomst=o, door=als(d), now=NU)
                for o, d in zip(ontwerpen, [traject.coach, collega], strict=True)
            )
        )
        verstuurd = [u for u in uitkomsten if isinstance(u, Overeenkomst)]
        # Sending asks the guard, which holds the content checks: a refusal lists its reasons.
        geweigerd = [u for u in uitkomsten if isinstance(u, Refused)]
        assert (len(verstuurd), len(geweigerd)) == (1, 1), f"ronde {ronde}: {uitkomsten!r}"
        assert geweigerd[0].reasons[0].startswith("The learner already has an agreement from")
        assert (
            Overeenkomst.objects.filter(
                leerling=leerling, status=OvereenkomstStatus.TER_GOEDKEURING
            ).count()
            == 1
        )


@pytest.mark.django_db(transaction=True)
def test_a_link_clicked_twice_at_once_approves_once(ruim):
    traject = ruim
    for ronde in range(RONDES):
        overeenkomst = traject.verstuurd(traject.leerling(volgnummer=200 + ronde))
        token = link(overeenkomst, Partij.LEERLING)
        klik = partial(goedkeuren_via_link, token=token, now=NU)
        uitkomsten = _tegelijk(klik, klik)
        goedgekeurd = [u for u in uitkomsten if isinstance(u, Goedkeuring)]
        geweigerd = [u for u in uitkomsten if isinstance(u, OngeldigeLink)]
        assert (len(goedgekeurd), len(geweigerd)) == (1, 1), f"ronde {ronde}: {uitkomsten!r}"
        assert Goedkeuring.objects.filter(overeenkomst=overeenkomst).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_agreements_sent_at_once_for_a_mentor_with_one_place_left_get_one_past_the_cap(
    ruim,
):
    traject = ruim
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    for ronde in range(RONDES):
        toewijzing = _geldige_toewijzing(traject)
        ontwerpen = [
            traject.ontwerp(traject.leerling(volgnummer=300 + 2 * ronde + i), toewijzing=toewijzing)
            for i in range(2)
        ]
        uitkomsten = _tegelijk(
            *(
                partial(overeenkomst_versturen, overeenkomst=o, door=als(traject.coach), now=NU)
                for o in ontwerpen
            )
        )
        geweigerd = [u for u in uitkomsten if isinstance(u, Refused)]
        assert len(geweigerd) == 1, f"ronde {ronde}: {uitkomsten!r}"
        assert "already guides 1 learner(s)" in geweigerd[0].reasons[0]


@pytest.mark.django_db(transaction=True)
def test_two_pending_agreements_changed_to_a_mentor_with_one_place_left_get_one_through(
    ruim,
):
    traject = ruim
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    for ronde in range(RONDES):
        doel = _geldige_toewijzing(traject)
        verstuurd = [
            traject.verstuurd(
                traject.leerling(volgnummer=500 + 2 * ronde + i),
                toewijzing=_geldige_toewijzing(traject),
            )
            for i in range(2)
        ]
        uitkomsten = _tegelijk(
            *(
                partial(
                    overeenkomst_wijzigen,
                    overeenkomst=o,
                    inhoud=Inhoud.van(o).met(toewijzing=doel),
                    door=als(traject.coach),
                    now=NU,
                )
                for o in verstuurd
            )
        )
        geweigerd = [u for u in uitkomsten if isinstance(u, Bezwaren)]
        assert len(geweigerd) == 1, f"ronde {ronde}: {uitkomsten!r}"
        assert "already guides 1 learner(s)" in geweigerd[0].fouten[0]
        assert Overeenkomst.objects.filter(toewijzing=doel).count() == 1
