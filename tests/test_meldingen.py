"""The notification outbox: one row per (event, recipient), each mail sent at most once."""

import pytest

from django.db import transaction

from duaal.meldingen.bezorging import melding_bezorgen
from duaal.meldingen.constants import MeldingStatus
from duaal.meldingen.models import Melding
from duaal.meldingen.services import melding_plannen
from duaal.meldingen.tasks import bezorg_openstaande_meldingen

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _plan(ontvangers, key: str = "aanvraag:1:herinnering") -> list[Melding]:
    return melding_plannen(
        event_key=key, ontvangers=ontvangers, onderwerp="Herinnering", tekst="Nog 3 dagen."
    )


def test_a_repeated_event_queues_nothing_new(django_capture_on_commit_callbacks) -> None:
    ontvanger = UserFactory()
    with django_capture_on_commit_callbacks():
        _plan([ontvanger])
        _plan([ontvanger])
    assert Melding.objects.count() == 1


def test_delivery_is_scheduled_after_commit_and_sends_once(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    ontvangers = [UserFactory(), UserFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        _plan(ontvangers)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in ontvangers)
    assert set(Melding.objects.values_list("status", flat=True)) == {MeldingStatus.VERZONDEN}


def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _plan([UserFactory()])
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == [] and mailoutbox == [] and not Melding.objects.exists()


def test_delivering_twice_sends_the_mail_once(mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="x", e_mail="a@voorbeeld.be", onderwerp="Onderwerp", tekst="Tekst"
    )
    assert melding_bezorgen(melding_id=melding.pk) is True
    assert melding_bezorgen(melding_id=melding.pk) is False
    assert len(mailoutbox) == 1


def test_the_sweep_delivers_what_a_lost_task_left_behind_twice(mailoutbox) -> None:
    for i in range(3):
        Melding.objects.create(event_key=f"e{i}", e_mail="b@voorbeeld.be", onderwerp="O", tekst="T")
    assert bezorg_openstaande_meldingen() == 3
    assert bezorg_openstaande_meldingen() == 0
    assert len(mailoutbox) == 3


def test_a_failed_delivery_is_retried_by_the_next_sweep(settings, mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="f", e_mail="c@voorbeeld.be", onderwerp="O", tekst="T"
    )
    settings.EMAIL_BACKEND = "tests.test_meldingen.BrokenBackend"
    assert melding_bezorgen(melding_id=melding.pk) is False
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.TE_VERZENDEN and melding.pogingen == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert bezorg_openstaande_meldingen() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise ConnectionRefusedError("smtp down")
