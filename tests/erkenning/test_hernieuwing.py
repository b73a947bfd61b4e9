"""Renewal (R20): a new application pre-filled from the last one; its approval replaces the
running recognition."""

import datetime as dt

import pytest

from duaal.audit.models import Event
from duaal.exceptions import DomainError
from erkenning.constants import LOPEND, AanvraagSoort, AanvraagStatus, ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services import (
    aanvraag_document_opladen,
    aanvraag_goedkeuren,
    aanvraag_indienen,
    aanvraag_intrekken,
    aanvraag_mentoren_kiezen,
    aanvraag_volledig_verklaren,
    erkenning_hernieuwen,
    erkenningen_mentorstatus_bijwerken,
)
from mentors.models import MentorToewijzing
from mentors.services import toewijzing_deactiveren
from tests.support import als, moment, pdf

from .factories import ErkenningFactory
from .helpers import goedgekeurd, mentor_met_uittreksel

pytestmark = pytest.mark.django_db

LATER = moment(dt.date(2031, 8, 1))  # two months before the first recognition ends


def _hernieuw(plaats, erkenning, *, mentor=None):
    """Renew, add the documents, submit and complete at LATER; approve five days later."""
    aanvraag = erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)
    if mentor is not None:
        aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=[mentor], door=als(plaats.werkgever))
    for vereist in (plaats.rsz, plaats.uittreksel):
        for m in aanvraag.mentoren.all() if vereist.per_mentor else [None]:
            aanvraag_document_opladen(
                aanvraag=aanvraag,
                vereist=vereist,
                bestand=pdf(),
                mentor=m,
                door=als(plaats.werkgever),
            )
    aanvraag_indienen(
        aanvraag=aanvraag, door=als(plaats.werkgever), verklaring_op_eer=True, now=LATER
    )
    aanvraag_volledig_verklaren(aanvraag=aanvraag, door=als(plaats.consulent), now=LATER)
    return aanvraag_goedkeuren(
        aanvraag=aanvraag,
        motivering="Verlengd.",
        door=als(plaats.consulent),
        now=LATER + dt.timedelta(days=5),
    )


def test_renewal_prefills_the_answers_and_the_accepted_mentors(plaats) -> None:
    eerste = goedgekeurd(plaats)
    aanvraag = erkenning_hernieuwen(
        erkenning=eerste.erkenning, door=als(plaats.werkgever), now=LATER
    )
    assert aanvraag.soort == AanvraagSoort.HERNIEUWING
    assert aanvraag.vorige_erkenning == eerste.erkenning
    assert aanvraag.status == AanvraagStatus.ONTWERP
    assert {(a.voldaan, a.toelichting) for a in aanvraag.antwoorden.all()} == {(True, "In orde.")}
    assert list(aanvraag.mentoren.all()) == list(eerste.mentoren.all())


def test_approving_the_renewal_ends_the_old_recognition_and_starts_a_new_one(plaats) -> None:
    oud = goedgekeurd(plaats).erkenning
    nieuw = _hernieuw(plaats, oud).erkenning
    oud.refresh_from_db()
    assert oud.status == ErkenningStatus.VERLOPEN and oud.beeindigd_op is not None
    assert nieuw.status == ErkenningStatus.ACTIEF
    assert (nieuw.geldig_van, nieuw.geldig_tot) == (dt.date(2031, 8, 6), dt.date(2036, 8, 6))
    assert Event.objects.filter(verb="erkenning.vervangen", object_id=oud.pk).count() == 1
    assert Erkenning.objects.filter(status__in=LOPEND).get() == nieuw


def test_a_second_renewal_in_progress_is_refused(plaats) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)
    with pytest.raises(DomainError):
        erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)


def test_a_withdrawn_renewal_can_be_started_again(plaats) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    eerste = erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)
    aanvraag_intrekken(aanvraag=eerste, door=als(plaats.werkgever), now=LATER)
    tweede = erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)
    assert tweede.pk != eerste.pk


def test_only_a_running_recognition_can_be_renewed(plaats) -> None:
    erkenning = ErkenningFactory(verlopen=True, vestiging=plaats.vestiging)
    with pytest.raises(DomainError):
        erkenning_hernieuwen(erkenning=erkenning, door=als(plaats.werkgever), now=LATER)


def test_replacing_a_recognition_without_valid_mentor_audits_its_real_status(
    plaats, django_capture_on_commit_callbacks
) -> None:
    oud = goedgekeurd(plaats).erkenning
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_deactiveren(
            toewijzing=MentorToewijzing.objects.get(vestiging=plaats.vestiging),
            reden="Uit dienst.",
            door=als(plaats.werkgever),
            now=LATER,
        )
    erkenningen_mentorstatus_bijwerken(now=LATER)  # R43: the recognition's sweep reads it
    assert Erkenning.objects.get(pk=oud.pk).status == ErkenningStatus.ZONDER_GELDIGE_MENTOR
    _hernieuw(plaats, oud, mentor=mentor_met_uittreksel(plaats, now=LATER))
    event = Event.objects.get(verb="erkenning.vervangen", object_id=oud.pk)
    assert event.before == {"status": ErkenningStatus.ZONDER_GELDIGE_MENTOR}
